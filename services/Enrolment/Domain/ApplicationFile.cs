using Dakla06.Contracts.Http.Enrolment;
using Dakla06.People;
using Dakla06.ServiceDefaults.Files;
using Dakla06.ServiceDefaults.Imports;

namespace Dakla06.Enrolment.Domain;

/// <summary>
/// An application file (header <see cref="EnrolmentFileHeaders.Applications"/>). A line is refused when a value is
/// missing or malformed, the commune is outside the importer's scope, the ID number's structure is wrong or its
/// century/gender digit and birth year disagree with <c>ngay_sinh</c> and <c>gioi_tinh</c>, or the applicant is under 14
/// on the day received — except a first card (<c>cap_moi</c>) received from 1 July 2024, which the 2023 Law on
/// Identification allows on request (kept, counted as <c>applications_under_14</c>).
/// A code used on an earlier line of the file is refused by the chunk's SQL (<see cref="Data.FileKeys"/>), which keeps
/// the codes seen out of the worker's memory.
/// </summary>
public sealed class ApplicationFile(EnrolmentRules rules) : IImportLineReader<EnrolmentLine>
{
    public const string Code = "ma_ho_so";
    public const string IdNumber = "so_dinh_danh";
    public const string FullName = "ho_ten";
    public const string BirthDate = "ngay_sinh";
    public const string Gender = "gioi_tinh";
    public const string Commune = "ma_xa";
    public const string ReceivedOn = "ngay_thu_nhan";
    public const string Channel = "hinh_thuc";
    public const string Kind = "loai";
    public const string WithEid2 = "dinh_danh_muc_2";

    public IReadOnlyList<string> RequiredColumns => EnrolmentFileHeaders.Applications;

    public EnrolmentLine? Check(TableRow row, TableColumns columns, LineChecks checks)
    {
        string Cell(string column) => columns.Get(row, column);
        var code = checks.Required(Code, Cell(Code), "Mã hồ sơ");
        if (code.Length > 100)
        {
            checks.Add(Code, "Mã hồ sơ tối đa 100 ký tự.");
        }

        var idNumber = rules.IdNumber(IdNumber, Cell(IdNumber), checks);
        var name = checks.Required(FullName, Cell(FullName), "Họ tên");
        if (name.Length > 200)
        {
            checks.Add(FullName, "Họ tên tối đa 200 ký tự.");
        }

        var birth = checks.Date(BirthDate, Cell(BirthDate), "Ngày sinh");
        var gender = Genders.TryParse(Cell(Gender), out var g) ? g : (Gender?)null;
        if (gender is null)
        {
            checks.Add(Gender, "Giới tính phải là Nam hoặc Nữ.");
        }

        var commune = rules.Commune(Commune, Cell(Commune), checks);
        var received = checks.Date(ReceivedOn, Cell(ReceivedOn), "Ngày thu nhận");
        var channel = checks.OneOf(Channel, Cell(Channel), EnrolmentCodes.Channels, "Hình thức thu nhận");
        var kind = checks.OneOf(Kind, Cell(Kind), EnrolmentCodes.ApplicationKinds, "Loại hồ sơ");
        var withEid2 = checks.Flag(WithEid2, Cell(WithEid2), "Đăng ký định danh mức 2");

        if (idNumber.IsWellFormed && birth is { } b && gender is { } sex && !idNumber.AgreesWith(b, sex))
        {
            checks.Add(IdNumber, "Chữ số thứ 4 đến 6 của số định danh (thế kỷ, giới tính, năm sinh) không khớp với ngày sinh và giới tính.");
        }

        var under14 = false;
        if (birth is { } born && received is { } day)
        {
            if (born > day)
            {
                checks.Add(BirthDate, "Ngày sinh sau ngày thu nhận hồ sơ.");
            }
            else if (EnrolmentRules.AgeOn(born, day) < EnrolmentRules.MinimumAge)
            {
                under14 = true;
                if (kind.Length > 0 && (kind != EnrolmentCodes.NewCard || day < EnrolmentRules.Under14CardsFrom))
                {
                    checks.Add(BirthDate, "Người chưa đủ 14 tuổi vào ngày thu nhận: chỉ nhận hồ sơ cấp mới (cap_moi) theo nhu cầu, từ ngày 01/07/2024.");
                }
            }
        }

        return checks.Rejects
            ? null
            : new ApplicationLine(row.LineNumber, code, Cell(IdNumber), name, birth!.Value,
                gender == People.Gender.Female ? "nu" : "nam", commune!, received!.Value, channel, kind, withEid2, under14);
    }
}
