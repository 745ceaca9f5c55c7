using Dakla06.Contracts.Http.Statistics;

namespace Dakla06.Statistics.Domain;

/// <summary>The sums of <c>dossier_counts</c> over a subtree and a period that every indicator is computed from.</summary>
public sealed class IndicatorSums
{
    public string Key { get; init; } = string.Empty;

    public long Received { get; init; }

    public long ReceivedOnline { get; init; }

    public long FeeDossiers { get; init; }

    public long PaidOnline { get; init; }

    public long PaymentCount { get; init; }

    public long PaidAmountOk { get; init; }

    public long PaidAmountFailed { get; init; }

    public long Digitised { get; init; }

    public long Resolved { get; init; }

    public long ResolvedOnTime { get; init; }

    public long ResultsDigitised { get; init; }

    /// <summary>Dossiers not finished at the period's end whose due date is before it.</summary>
    public long OverdueInProgress { get; init; }

    public static IndicatorSums Zero(string key) => new() { Key = key };
}

/// <summary>The indicators of the report, defined once (codes, Vietnamese names, what they count).</summary>
public static class Indicators
{
    public const string Dossiers = "hồ sơ";
    public const string Money = "đồng";
    public const string Transactions = "giao dịch";
    public const string PercentUnit = "%";

    /// <summary>Every indicator code, in the order the report lists them.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. Compute(IndicatorSums.Zero(string.Empty)).Select(i => i.Code)];

    public static IReadOnlyList<IndicatorDto> Compute(IndicatorSums s) =>
    [
        Count("received", "Hồ sơ tiếp nhận", s.Received),
        Count("received_online", "Hồ sơ tiếp nhận trực tuyến", s.ReceivedOnline),
        Share("online_share", "Tỷ lệ hồ sơ trực tuyến", s.ReceivedOnline, s.Received),
        Count("resolved", "Hồ sơ đã giải quyết", s.Resolved),
        Count("resolved_on_time", "Hồ sơ giải quyết đúng hạn", s.ResolvedOnTime),
        Share("on_time_share", "Tỷ lệ giải quyết đúng hạn", s.ResolvedOnTime, s.Resolved),
        Count("overdue_in_progress", "Hồ sơ đang xử lý quá hạn", s.OverdueInProgress),
        Count("fee_dossiers", "Hồ sơ có nghĩa vụ tài chính", s.FeeDossiers),
        Count("paid_online", "Hồ sơ thanh toán trực tuyến", s.PaidOnline),
        Share("paid_online_share", "Tỷ lệ thanh toán trực tuyến", s.PaidOnline, s.FeeDossiers),
        Count("payments_succeeded_amount", "Số tiền thanh toán trực tuyến thành công", s.PaidAmountOk, Money),
        Count("payments_failed_amount", "Số tiền thanh toán trực tuyến không thành công", s.PaidAmountFailed, Money),
        Count("payment_transactions", "Giao dịch thanh toán trực tuyến", s.PaymentCount, Transactions),
        Share("digitised_share", "Tỷ lệ số hóa thành phần hồ sơ", s.Digitised, s.Received),
        Share("results_digitised_share", "Tỷ lệ số hóa kết quả giải quyết", s.ResultsDigitised, s.Resolved),
    ];

    private static IndicatorDto Count(string code, string name, long count, string unit = Dossiers) => new(code, name, count, null, count, unit);

    private static IndicatorDto Share(string code, string name, long numerator, long denominator) =>
        new(code, name, numerator, denominator, Percent(numerator, denominator), PercentUnit);

    /// <summary>numerator / denominator in percent with two decimals; null when the denominator is 0.</summary>
    public static decimal? Percent(long numerator, long denominator) =>
        denominator == 0 ? null : Math.Round(numerator * 100m / denominator, 2, MidpointRounding.AwayFromZero);
}
