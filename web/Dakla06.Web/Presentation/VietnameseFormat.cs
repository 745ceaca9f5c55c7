using System.Globalization;

namespace Dakla06.Web.Presentation;

/// <summary>Vietnamese formats: dd/MM/yyyy dates, 1.254.631 numbers, Vietnam time for instants.</summary>
public static class VietnameseFormat
{
    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("vi-VN");

    public const string DateFormat = "dd/MM/yyyy";

    private static readonly TimeZoneInfo VietnamTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public static string Date(DateOnly date) => date.ToString(DateFormat, Culture);

    /// <summary>The date, or "—" when there is none (not started, never inspected).</summary>
    public static string Date(DateOnly? date) => date is { } value ? Date(value) : "—";

    public static string DateTime(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, VietnamTime).ToString("dd/MM/yyyy HH:mm", Culture);

    public static string Number(long value) => value.ToString("N0", Culture);

    /// <summary>A rate between 0 and 1 as a percentage with two decimals: 0.9599 → "95,99%".</summary>
    public static string Rate(double rate) => (rate * 100).ToString("N2", Culture) + "%";

    /// <summary>A percentage already in 0..100, without trailing zeros: 45 → "45%", 12.5 → "12,5%".</summary>
    public static string Percent(decimal percent) => percent.ToString("0.##", Culture) + "%";

    /// <summary>
    /// A share already in 0..100 as the reports write it, always with two decimals so a column lines up:
    /// 95.99 → "95,99%", 28 → "28,00%".
    /// </summary>
    public static string Share(decimal percent) => percent.ToString("N2", Culture) + "%";

    /// <summary>Today's date in Vietnam, whatever the server's time zone.</summary>
    public static DateOnly Today(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), VietnamTime).DateTime);
}
