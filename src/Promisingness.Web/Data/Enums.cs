namespace Promisingness.Web.Data;

public enum EntryKind { Page, Topic, Question, Meeting, WeeklySummary }

/// <summary>Who may read an entry: its authors (Draft), every member (Team), everyone (Public).</summary>
public enum Visibility { Draft, Team, Public }

public enum EntryStatus { Active, RemovedFromReadme }

public enum OutputStatus { Published, Draft, ComingSoon, Removed }

public enum MemberRole { Researcher, Mentor }

/// <summary>Draft → Submitted → ChangesRequested → Submitted → Approved; an edit after approval needs re-review.</summary>
public enum ReviewState { Draft, Submitted, ChangesRequested, Approved, NeedsReReview }

public enum ReviewAction { Submitted, ChangesRequested, Approved, Published, EditedAfterApproval }

public enum NotificationKind { Mention, Reply, Comment, Resolved, ReviewDecision, Submitted, WatchedChange, ActionItems, Suggestion }

/// <summary>How a member hears of a kind of notification by mail, beside the inbox.</summary>
public enum MailDelivery { AtOnce, DailyDigest, WeeklyDigest, Off }
