using Dakla06.Contracts.Http.Statistics;
using Dakla06.Web.Presentation;
using Dakla06.Web.Shared;

namespace Dakla06.Web.Statistics;

/// <summary>What users read for the statistics service's codes (levels, sources, essential-service groups).</summary>
public static class StatisticsLabels
{
    public static IReadOnlyList<(string Code, string Label)> AdministrativeLevels { get; } =
    [
        ("tinh", "Cấp tỉnh"),
        ("huyen", "Cấp huyện"),
        ("xa", "Cấp xã"),
    ];

    /// <summary>The levels of 2022 (1–4) and of Decree 42/2022 (from 2023), in the order the reports list them.</summary>
    public static IReadOnlyList<(string Code, string Label)> OnlineLevels { get; } =
    [
        ("toan_trinh", "DVCTT toàn trình"),
        ("mot_phan", "DVCTT một phần"),
        ("khong", "Cung cấp thông tin"),
        ("4", "Mức độ 4"),
        ("3", "Mức độ 3"),
        ("2", "Mức độ 2"),
        ("1", "Mức độ 1"),
    ];

    public static IReadOnlyList<(string Code, string Label)> Sources { get; } =
    [
        (DossierSources.Igate, "Hệ thống thông tin giải quyết TTHC (iGate)"),
        (DossierSources.Dvcqg, "Cổng Dịch vụ công quốc gia"),
        (DossierSources.Bca, "Cổng Dịch vụ công Bộ Công an"),
    ];

    /// <summary>The groups of the essential-services list: the police's services and the other sectors'.</summary>
    public static IReadOnlyList<(string Code, string Label)> EssentialServiceGroups { get; } =
    [
        ("police", "Công an"),
        ("sector", "Bộ, ngành khác"),
    ];

    public static string AdministrativeLevel(string? code) => LabelOf(AdministrativeLevels, code);

    public static string EssentialServiceGroup(string? code) => LabelOf(EssentialServiceGroups, code);

    public static string OnlineLevel(string? code) => LabelOf(OnlineLevels, code);

    public static string Source(string? code) => LabelOf(Sources, code);

    /// <summary>The job as every import page shows it.</summary>
    public static ImportJob Summary(ImportDto import) =>
        new(Source(import.Source), import.FileName, import.UnitCode, import.CreatedBy, import.CreatedAt, import.CompletedAt,
            import.Status, import.ProgressPercent, import.Processed, import.Inserted, import.Updated, import.Unchanged, import.Rejected, import.Error);

    private static string LabelOf(IReadOnlyList<(string Code, string Label)> labels, string? code) =>
        labels.FirstOrDefault(l => l.Code == code).Label ?? code ?? string.Empty;
}
