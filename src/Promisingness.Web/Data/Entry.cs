namespace Promisingness.Web.Data;

/// <summary>
/// Everything a person writes. The entry holds the current values for fast reads;
/// its revisions hold the history and are never changed.
/// </summary>
public sealed class Entry
{
    public const int TitleMaxLength = 200;
    public const int SlugMaxLength = 80;

    /// <summary>The page that holds the README's title and description, shown on the home page.</summary>
    public const string HomeSlug = "home";

    public int Id { get; set; }
    public EntryKind Kind { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public int? ProgramId { get; set; }
    public ResearchProgram? Program { get; set; }
    public Visibility Visibility { get; set; } = Visibility.Public;
    public EntryStatus Status { get; set; }

    /// <summary>True while the last README import contained this entry; only such entries can be marked removed by an import.</summary>
    public bool InReadme { get; set; }

    /// <summary>Order within its kind, as in the README.</summary>
    public int Position { get; set; }

    /// <summary>The section heading as the README wrote it when it differs from the title ("Goal:" for "Goal").</summary>
    public string? ReadmeHeading { get; set; }

    public string BodyMarkdown { get; set; } = "";

    /// <summary>Rendered once at save by the one safe pipeline, so a page view never parses Markdown.</summary>
    public string BodyHtml { get; set; } = "";

    public int RevisionNumber { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<Revision> Revisions { get; set; } = [];
    public List<TopicResearcher> Researchers { get; set; } = [];
    public List<TopicOutput> Outputs { get; set; } = [];
    public List<EntryTag> Tags { get; set; } = [];

    /// <summary>For a question: the topics it is linked to.</summary>
    public List<QuestionTopic> LinkedTopics { get; set; } = [];

    /// <summary>For a meeting: its date, agenda and decisions; attendees and action items.</summary>
    public Meeting? Meeting { get; set; }
    public List<MeetingAttendee> Attendees { get; set; } = [];
    public List<ActionItem> ActionItems { get; set; } = [];

    /// <summary>For a weekly summary: its week, topic and review state.</summary>
    public WeeklySummary? Summary { get; set; }
}
