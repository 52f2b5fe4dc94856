namespace Promisingness.Web.Data;

/// <summary>A small named value the wiki keeps, such as the heading of the README's questions section.</summary>
public sealed class WikiSetting
{
    public const string ReadmeQuestionsHeading = "readme.questions-heading";

    /// <summary>The MarkdownRenderer.OutputVersion that the stored HTML was made with.</summary>
    public const string MarkdownOutputVersion = "markdown.output-version";

    /// <summary>"off" when an admin has switched machine access (tokens and the API) off for the whole wiki.</summary>
    public const string MachineAccess = "api.machine-access";

    public required string Key { get; set; }
    public required string Value { get; set; }
}
