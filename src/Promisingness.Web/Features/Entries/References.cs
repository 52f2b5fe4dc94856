using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Entries;

/// <summary>A link to a person on the team list, as pages about topics, meetings and reviews show one.</summary>
public sealed record PersonLink(string Name, string Slug, string? ProgramCode, MemberRole Role);

/// <summary>A link to a topic, e.g. from a person's card or a summary; made only for a reader who may read the topic.</summary>
public sealed record TopicLink(string Slug, string Title);

/// <summary>A topic to pick in a form (a question's linked topics, a summary's topic).</summary>
public sealed record TopicOption(int Id, string Title);

/// <summary>A program to pick in a form.</summary>
public sealed record ProgramOption(int Id, string Code, string Name);

/// <summary>A person on the team list to pick in a form.</summary>
public sealed record MemberOption(int Id, string Name);
