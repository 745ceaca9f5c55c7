namespace Dakla06.ServiceDefaults.Persistence;

/// <summary>Turning user input into SQL parameter values the same way in every service.</summary>
public static class SqlText
{
    /// <summary>
    /// A search text for <c>ILIKE '%' || @text || '%'</c>: trimmed, with the LIKE wildcards and the escape character
    /// escaped so "10%" finds "10%" literally; null when blank (no filter).
    /// </summary>
    public static string? Like(string? text) => string.IsNullOrWhiteSpace(text)
        ? null
        : text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
