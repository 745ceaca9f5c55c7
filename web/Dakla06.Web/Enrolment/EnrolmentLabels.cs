using Dakla06.Contracts.Http.Enrolment;
using Dakla06.Web.Shared;

namespace Dakla06.Web.Enrolment;

/// <summary>What users read for the enrolment service's codes: import kinds, stages, missing lists, reasons and visit outcomes.</summary>
public static class EnrolmentLabels
{
    public static IReadOnlyList<(string Code, string Label)> ImportKinds { get; } =
    [
        (EnrolmentImportKinds.Applications, "Hồ sơ cấp căn cước"),
        (EnrolmentImportKinds.Cards, "Sự kiện thẻ căn cước (nhận từ C06, trả công dân)"),
        (EnrolmentImportKinds.Eid, "Tài khoản định danh điện tử"),
    ];

    public static IReadOnlyList<(string Code, string Label)> Stages { get; } =
    [
        (EnrolmentStages.ApplicationToCard, "Chờ thẻ từ C06"),
        (EnrolmentStages.CardToHandover, "Chờ trả thẻ cho công dân"),
    ];

    public static IReadOnlyList<(string Code, string Label)> MissingKinds { get; } =
    [
        (Contracts.Http.Enrolment.MissingKinds.NoApplication, "Chưa thu nhận hồ sơ căn cước"),
        (Contracts.Http.Enrolment.MissingKinds.Eid2NotActivated, "Định danh mức 2 chưa kích hoạt"),
    ];

    /// <summary>The reasons of issue #12, as the commune officer picks them.</summary>
    public static IReadOnlyList<(string Code, string Label)> Reasons { get; } =
    [
        (MissingReasons.WorkingAway, "Làm ăn xa"),
        (MissingReasons.AbroadStudyOrWork, "Học tập, lao động ở nước ngoài"),
        (MissingReasons.ServingSentence, "Đang chấp hành án"),
        (MissingReasons.NoSmartphone, "Không có điện thoại thông minh"),
        (MissingReasons.DeceasedNotRemoved, "Đã chết chưa xóa đăng ký"),
        (MissingReasons.Other, "Lý do khác"),
    ];

    public static IReadOnlyList<(string Code, string Label)> VisitOutcomes { get; } =
    [
        (Contracts.Http.Enrolment.VisitOutcomes.Enrolled, "Đã thu nhận, kích hoạt"),
        (Contracts.Http.Enrolment.VisitOutcomes.NotEnrolled, "Gặp nhưng chưa thu nhận"),
        (Contracts.Http.Enrolment.VisitOutcomes.NotMet, "Không gặp"),
    ];

    /// <summary>The reason filter's value for the persons without a reason (the API's <c>reason=none</c>).</summary>
    public const string NoReason = "none";

    /// <summary>A gender as the registry or an application file writes it (<c>male</c>/<c>nam</c>, <c>female</c>/<c>nu</c>), in Vietnamese.</summary>
    public static string Gender(string? code) => code switch
    {
        "male" or "nam" => "Nam",
        "female" or "nu" => "Nữ",
        _ => code ?? string.Empty,
    };

    public static string ImportKind(string? code) => LabelOf(ImportKinds, code);

    public static string Stage(string? code) => LabelOf(Stages, code);

    public static string MissingKind(string? code) => LabelOf(MissingKinds, code);

    public static string Reason(string? code) => LabelOf(Reasons, code);

    public static string VisitOutcome(string? code) => LabelOf(VisitOutcomes, code);

    /// <summary>The job as every import page shows it.</summary>
    public static ImportJob Summary(EnrolmentImportDto import) =>
        new(ImportKind(import.Kind), import.FileName, import.UnitCode, import.CreatedBy, import.CreatedAt, import.CompletedAt,
            import.Status, import.ProgressPercent, import.Processed, import.Inserted, import.Updated, import.Unchanged, import.Rejected, import.Error);

    private static string LabelOf(IReadOnlyList<(string Code, string Label)> labels, string? code) =>
        labels.FirstOrDefault(l => l.Code == code).Label ?? code ?? string.Empty;
}
