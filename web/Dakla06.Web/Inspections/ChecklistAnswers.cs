using Dakla06.Contracts.Http.Inspections;

namespace Dakla06.Web.Inspections;

/// <summary>
/// The results an inspector has chosen on screen for an inspection's checklist, saved or not yet: what "Lưu kết quả"
/// and "Kết thúc kiểm tra" send.
/// </summary>
public sealed class ChecklistAnswers
{
    private readonly IReadOnlyList<InspectionItemDto> _items;
    private readonly Dictionary<int, Answer> _answers;

    /// <summary>Starts from what the inspection has saved.</summary>
    public ChecklistAnswers(InspectionDto inspection)
    {
        _items = inspection.Items;
        _answers = inspection.Items.ToDictionary(i => i.No, i => new Answer { Result = i.Result, Note = i.Note });
    }

    public Answer For(int itemNo) => _answers[itemNo];

    /// <summary>Items without a result yet, by number.</summary>
    public IReadOnlyList<int> Unanswered() => _answers.Where(a => a.Value.Result is null).Select(a => a.Key).Order().ToList();

    /// <summary>Critical items answered "fail": each raises a critical finding when the inspection is completed.</summary>
    public int FailedCritical() => _items.Count(i => i.Critical && _answers[i.No].Result == "fail");

    /// <summary>The answered items, in order, notes trimmed.</summary>
    public SaveResultsRequest ToRequest() => new(_answers
        .Where(a => a.Value.Result is not null)
        .OrderBy(a => a.Key)
        .Select(a => new ItemResultRequest(a.Key, a.Value.Result, string.IsNullOrWhiteSpace(a.Value.Note) ? null : a.Value.Note.Trim()))
        .ToList());

    /// <summary>One item's result (<c>pass</c>, <c>fail</c>, <c>not_applicable</c> or none yet) and note, bound to the inputs.</summary>
    public sealed class Answer
    {
        public string? Result { get; set; }

        public string? Note { get; set; }
    }
}
