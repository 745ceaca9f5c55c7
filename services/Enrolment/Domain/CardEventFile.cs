using Dakla06.Contracts.Http.Enrolment;
using Dakla06.ServiceDefaults.Files;
using Dakla06.ServiceDefaults.Imports;

namespace Dakla06.Enrolment.Domain;

/// <summary>
/// A card-event file (header <see cref="EnrolmentFileHeaders.Cards"/>). A line alone is refused when a value is missing
/// or malformed; what needs the stored application (unknown, outside the scope, out of order, recorded before on another
/// day) or the file's earlier lines (the same event of the same application again, <see cref="Data.FileKeys"/>) is judged
/// by the chunk's SQL.
/// </summary>
public sealed class CardEventFile : IImportLineReader<EnrolmentLine>
{
    public const string Code = "ma_ho_so";
    public const string Event = "su_kien";
    public const string Day = "ngay";

    public IReadOnlyList<string> RequiredColumns => EnrolmentFileHeaders.Cards;

    public EnrolmentLine? Check(TableRow row, TableColumns columns, LineChecks checks)
    {
        var code = checks.Required(Code, columns.Get(row, Code), "Mã hồ sơ");
        if (code.Length > 100)
        {
            checks.Add(Code, "Mã hồ sơ tối đa 100 ký tự.");
        }

        var cardEvent = checks.OneOf(Event, columns.Get(row, Event), EnrolmentCodes.CardEvents, "Sự kiện");
        var day = checks.Date(Day, columns.Get(row, Day), "Ngày");
        return checks.Rejects ? null : new CardEventLine(row.LineNumber, code, cardEvent, day!.Value);
    }
}
