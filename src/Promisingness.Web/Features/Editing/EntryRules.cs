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
        return problems;
    }

    public static string OutputField(int index, string field) => $"Outputs[{index}].{field}";

    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;
}
