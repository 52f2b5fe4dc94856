namespace Promisingness.Web.Data;

public enum EntryKind { Page, Topic, Question, Meeting, WeeklySummary }

/// <summary>Who may read an entry: its authors (Draft), every member (Team), everyone (Public).</summary>
public enum Visibility { Draft, Team, Public }

public enum EntryStatus { Active, RemovedFromReadme }

public enum OutputStatus { Published, Draft, ComingSoon, Removed }

public enum MemberRole { Researcher, Mentor }
