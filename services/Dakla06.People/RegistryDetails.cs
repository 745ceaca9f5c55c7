namespace Dakla06.People;

/// <summary>
/// The registry's optional fields (import columns <c>dan_toc</c>, <c>ton_giao</c>, <c>que_quan</c>,
/// <c>noi_thuong_tru</c>, <c>quan_he_chu_ho</c>). A null property was not given (its column is absent: the stored
/// value stays); an empty one was given empty (the stored value is cleared).
/// </summary>
public sealed record RegistryDetails(string? Ethnicity, string? Religion, string? PlaceOfOrigin, string? PermanentAddress, string? RelationToHead)
{
    /// <summary>The import columns, in the order of the properties.</summary>
    public static readonly IReadOnlyList<string> Columns = ["dan_toc", "ton_giao", "que_quan", "noi_thuong_tru", "quan_he_chu_ho"];

    /// <summary>Longest value accepted in any of them.</summary>
    public const int MaxLength = 200;

    /// <summary>The value of import column <paramref name="index"/> of <see cref="Columns"/>.</summary>
    public string? this[int index] => index switch
    {
        0 => Ethnicity,
        1 => Religion,
        2 => PlaceOfOrigin,
        3 => PermanentAddress,
        4 => RelationToHead,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>Details from values in <see cref="Columns"/> order (null: column absent).</summary>
    public static RegistryDetails From(IReadOnlyList<string?> values) => new(values[0], values[1], values[2], values[3], values[4]);
}
