namespace Dakla06.People;

public enum Gender
{
    Male,
    Female,
}

/// <summary>Gender as sector files write it: Nam/Nữ, male/female, M/F — any case, with or without diacritics.</summary>
public static class Genders
{
    public static bool TryParse(string? text, out Gender gender)
    {
        gender = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // Folding makes "Nữ", "NỮ", "nu" and an NFD-typed "Nữ" one word; folded on the stack (hot path).
        Span<char> buffer = stackalloc char[16];
        if (text.Length > 32)
        {
            return false;
        }

        var folded = buffer[..Names.Fold(text, buffer)];
        if (folded is "nam" or "male" or "m" or "trai")
        {
            gender = Gender.Male;
            return true;
        }

        if (folded is "nu" or "female" or "f" or "gai")
        {
            gender = Gender.Female;
            return true;
        }

        return false;
    }

    public static Gender? TryParse(string? text) => TryParse(text, out var gender) ? gender : null;

    /// <summary>The wire/registry form: <c>male</c> | <c>female</c>.</summary>
    public static string ToCode(this Gender gender) => gender == Gender.Male ? "male" : "female";

    /// <summary>How a Vietnamese page shows it.</summary>
    public static string ToVietnamese(this Gender gender) => gender == Gender.Male ? "Nam" : "Nữ";
}
