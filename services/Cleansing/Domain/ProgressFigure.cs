using System.Globalization;

namespace Dakla06.Cleansing.Domain;

/// <summary>The figure leaders report: "x/y (z%)" with z = x / y in percent, one decimal, in Vietnamese number format (1.254/2.000 (62,7%)).</summary>
public static class ProgressFigure
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>x / y in percent, one decimal; 0 when y is 0.</summary>
    public static double Percent(long done, long total) =>
        total == 0 ? 0 : Math.Round(done * 100.0 / total, 1, MidpointRounding.AwayFromZero);

    public static string Format(long done, long total) =>
        string.Create(Vietnamese, $"{done:N0}/{total:N0} ({Percent(done, total):0.#}%)");
}
