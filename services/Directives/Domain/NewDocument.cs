using Dakla06.Contracts.AdminUnits;
using Dakla06.ServiceDefaults.Http;

namespace Dakla06.Directives.Domain;

/// <summary>A validated request to register a directive document.</summary>
public sealed record NewDocument(DocumentType Type, string Number, AdminUnit IssuingUnit, DateOnly IssuedOn, string Subject, string Summary)
{
    public const int MaxSubjectLength = 500;
    public const int MaxSummaryLength = 4000;

    /// <summary>The earliest issue date accepted; Project 06 began in 2022, older documents may still be cited.</summary>
    public static readonly DateOnly EarliestIssuedOn = new(2000, 1, 1);

    /// <summary>Checks every field and reports each problem under its camelCase name; null when anything is wrong.</summary>
    public static NewDocument? TryCreate(
        string? type, string? number, string? issuingUnitCode, DateOnly? issuedOn, string? subject, string? summary,
        DateOnly today, ValidationErrors errors)
    {
        var documentType = DocumentType.Find(type);
        if (documentType is null)
        {
            errors.Add("type", $"Loại văn bản phải là một trong: {string.Join(", ", DocumentType.All.Select(t => t.Code))}.");
        }

        var normalizedNumber = string.IsNullOrWhiteSpace(number) ? null : DocumentNumber.Normalize(number);
        if (normalizedNumber is null)
        {
            errors.Add("number", "Số ký hiệu là bắt buộc.");
        }
        else if (documentType is not null && DocumentNumber.Validate(documentType, normalizedNumber) is { } numberProblem)
        {
            errors.Add("number", numberProblem);
        }

        var unit = AdminUnitDirectory.Default.Find(issuingUnitCode);
        if (unit is null)
        {
            errors.Add("issuingUnitCode", string.IsNullOrWhiteSpace(issuingUnitCode)
                ? "Đơn vị ban hành là bắt buộc."
                : $"Không có đơn vị hành chính mã {issuingUnitCode} trong tỉnh.");
        }

        if (issuedOn is null)
        {
            errors.Add("issuedOn", "Ngày ban hành là bắt buộc (yyyy-MM-dd).");
        }
        else if (issuedOn > today)
        {
            errors.Add("issuedOn", "Ngày ban hành không được sau ngày hôm nay.");
        }
        else if (issuedOn < EarliestIssuedOn)
        {
            errors.Add("issuedOn", "Ngày ban hành không được trước 01/01/2000.");
        }

        var trimmedSubject = subject?.Trim();
        if (string.IsNullOrEmpty(trimmedSubject))
        {
            errors.Add("subject", "Trích yếu là bắt buộc.");
        }
        else if (trimmedSubject.Length > MaxSubjectLength)
        {
            errors.Add("subject", $"Trích yếu tối đa {MaxSubjectLength} ký tự.");
        }

        var trimmedSummary = summary?.Trim() ?? string.Empty;
        if (trimmedSummary.Length > MaxSummaryLength)
        {
            errors.Add("summary", $"Nội dung tóm tắt tối đa {MaxSummaryLength} ký tự.");
        }

        return errors.IsEmpty
            ? new NewDocument(documentType!, normalizedNumber!, unit!, issuedOn!.Value, trimmedSubject!, trimmedSummary)
            : null;
    }
}
