namespace Promisingness.Web.Data;

/// <summary>Something a topic produced: a LessWrong post, a Google Doc draft, or a post still to come.</summary>
public sealed class TopicOutput
{
    public int Id { get; set; }
    public int EntryId { get; set; }
    public Entry? Entry { get; set; }
    public int Position { get; set; }
    public string? Title { get; set; }
    public string Url { get; set; } = "";
    public OutputStatus Status { get; set; }
    public string SummaryMarkdown { get; set; } = "";
    public string SummaryHtml { get; set; } = "";

    /// <summary>Text after the link on its README line, kept so an export reproduces the README.</summary>
    public string LinkNote { get; set; } = "";

    /// <summary>The README heading above the summary ("Summary:"), or null when there was none.</summary>
    public string? SummaryHeading { get; set; }
}
