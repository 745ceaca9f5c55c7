using System.Globalization;

namespace Dakla06.Directives.Domain;

/// <summary>How the texts the system writes into tasks and documents read: Vietnamese numbers and dates, bounded lengths.</summary>
public static class TaskText
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Vietnamese style: 1.254.631 and 95,99.</summary>
    public static string Number(decimal value) => value.ToString("#,0.##", Vietnamese);

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>The text cut to <paramref name="max"/> characters, an ellipsis marking the cut.</summary>
    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
