namespace Dakla06.People;

/// <summary>Age rules the services share.</summary>
public static class Ages
{
    /// <summary>The age from which a citizen must hold an ID card (Luật Căn cước 2023, art. 19): enrolment's population.</summary>
    public const int IdCardAge = 14;

    /// <summary>
    /// The latest birth date of a person <paramref name="age"/> or older on <paramref name="asOf"/>: someone turning
    /// that age on the day counts (born 29/02: from 01/03 in a common year).
    /// </summary>
    public static DateOnly LatestBirthDate(DateOnly asOf, int age) => asOf.AddYears(-age);

    public static bool IsAtLeast(DateOnly dateOfBirth, DateOnly asOf, int age) => dateOfBirth <= LatestBirthDate(asOf, age);
}
