using System.Text;
using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Editing;

/// <summary>What every saved entry must satisfy, with a message for the field it concerns.</summary>
public static class EntryRules
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxEditNoteLength = 500;

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
        return problems;
    }
}
