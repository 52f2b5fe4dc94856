using System.Text;
using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Entries.Saving;

/// <summary>What every saved entry must satisfy, with a message for the field it concerns.</summary>
public static class EntryRules
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxEditNoteLength = 500;

    /// <summary>
    /// The dates a meeting or a due date may have. A browser's date field takes years up to 275760, and a typo
    /// of one digit ("20226") made a date no list can sort sensibly; a wiki of research programs needs none of them.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1), LatestDate = new(2199, 12, 31);

    public const string DateRange = "between 2000-01-01 and 2199-12-31";

    public static Dictionary<string, string> Problems(EntryInput input)
    {
        var problems = new Dictionary<string, string>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            problems[nameof(EntryInput.Title)] = "Give the entry a title.";
        }
        else if (title.Length > Entry.TitleMaxLength)
        {
            problems[nameof(EntryInput.Title)] = $"A title can have at most {Entry.TitleMaxLength} characters; this one has {title.Length}.";
        }
        if (Encoding.UTF8.GetByteCount(input.Body ?? "") > MaxBodyBytes)
        {
            problems[nameof(EntryInput.Body)] = "The text is over 1 MB. Split it into several entries and link them.";
        }
        if ((input.EditNote ?? "").Length > MaxEditNoteLength)
        {
            problems[nameof(EntryInput.EditNote)] = $"An edit note can have at most {MaxEditNoteLength} characters.";
        }
        if (TagRules.Problem(input.Tags ?? []) is { } tags)
        {
            problems[nameof(EntryInput.Tags)] = tags;
        }
        foreach (var (output, i) in (input.Topic?.Outputs ?? []).Select((o, i) => (o, i)))
        {
            if (output.Url.Length > 0 && !IsWebAddress(output.Url))
            {
                problems[OutputField(i, nameof(OutputInput.Url))] = "Give a full web address starting with https:// (or leave it empty for a post still to come).";
            }
            if (string.IsNullOrWhiteSpace(output.Title) && output.Url.Length == 0)
            {
                problems[OutputField(i, nameof(OutputInput.Title))] = "Give the output a title or a link.";
            }
            if ((output.Title ?? "").Length > 500)
            {
                problems[OutputField(i, nameof(OutputInput.Title))] = "An output's title can have at most 500 characters.";
            }
        }
        if (input.Meeting is { } meeting)
        {
            MeetingProblems(meeting, problems);
        }
        return problems;
    }

    private static void MeetingProblems(MeetingInput meeting, Dictionary<string, string> problems)
    {
        if (meeting.Date == DateOnly.MinValue)
        {
            problems[nameof(MeetingInput.Date)] = "Give the date of the meeting.";
        }
        else if (meeting.Date < EarliestDate || meeting.Date > LatestDate)
        {
            problems[nameof(MeetingInput.Date)] = $"Give a date {DateRange}.";
        }
        if (Encoding.UTF8.GetByteCount(meeting.Agenda ?? "") > MaxBodyBytes)
        {
            problems[nameof(MeetingInput.Agenda)] = "The agenda is over 1 MB.";
        }
        if (Encoding.UTF8.GetByteCount(meeting.Decisions ?? "") > MaxBodyBytes)
        {
            problems[nameof(MeetingInput.Decisions)] = "The decisions are over 1 MB.";
        }
        foreach (var (item, i) in meeting.ActionItems.Select((a, i) => (a, i)))
        {
            var text = item.Text?.Trim() ?? "";
            if (text.Length == 0)
            {
                problems[ActionItemField(i, nameof(ActionItemInput.Text))] = "Say what is to be done, or remove this action item.";
            }
            else if (text.Length > Meeting.ActionTextMaxLength)
            {
                problems[ActionItemField(i, nameof(ActionItemInput.Text))] = $"An action item can have at most {Meeting.ActionTextMaxLength} characters; this one has {text.Length}.";
            }
            if (item.DueDate is { } due && (due < EarliestDate || due > LatestDate))
            {
                problems[ActionItemField(i, nameof(ActionItemInput.DueDate))] = $"Give a due date {DateRange}, or none.";
            }
        }
    }

    public static string ActionItemField(int index, string field) => $"ActionItems[{index}].{field}";

    public static string OutputField(int index, string field) => $"Outputs[{index}].{field}";

    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;
}
