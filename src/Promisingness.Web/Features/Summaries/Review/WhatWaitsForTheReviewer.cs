using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Notifications;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Summaries.Review;

/// <summary>
/// The mentor's (and each admin's: whoever reviews) weekly digest opens with what waits for them: the summaries to
/// review, their open discussions, and the researchers with no summary for the week that just ended. Read as the
/// review page reads them, so the digest lists only what its reader may read now.
/// </summary>
public sealed class WhatWaitsForTheReviewer(ReviewQueue queue, SummaryQueries summaries) : IDigestOpening
{
    public async Task<IReadOnlyList<DigestSection>> ForAsync(WikiUser reader, DateTimeOffset weekly, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        if (!reader.SeesEverything || await queue.WaitingAsync(reader, cancellationToken: cancellationToken) is not { } waiting)
        {
            return [];
        }
        var threads = await queue.OpenThreadsAsync(reader, cancellationToken);
        // On Monday morning the week just begun is hours old: the week to ask about is the one that ended.
        var week = IsoWeek.Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(weekly, zone).Date).AddDays(-1));
        var missing = (await summaries.WeekAsync(week, reader, cancellationToken)).Groups
            .Where(g => g.ProgramCode is not null)
            .SelectMany(g => g.People.Where(p => p.Person.Role == MemberRole.Researcher && p.Standing == WeekStanding.NotWritten).Select(p => (g.ProgramCode, p.Person)))
            .ToList();
        return
        [
            new DigestSection("Summaries waiting for your review",
                [.. waiting.Select(s => new DigestLine($"“{s.Title}” by {s.Author.Name}, {ReviewWorkflow.Describe(s.State)} since {TimeZoneInfo.ConvertTime(s.Since, zone):ddd d MMM}", EntryUrls.For(EntryKind.WeeklySummary, s.Slug)))],
                "None: nothing waits for your review."),
            new DigestSection("Your open discussions",
                [.. threads.Select(t => new DigestLine($"On “{t.EntryTitle}”{(t.Quote is { Length: > 0 } quote ? $", about “{Excerpts.FromText(quote, 80)}”" : "")}: {(t.Comments == 1 ? "1 comment" : $"{t.Comments} comments")}", t.EntryUrl))],
                "None: every discussion you opened or were mentioned in is resolved."),
            new DigestSection($"No summary for week {week}",
                [.. missing.Select(m => new DigestLine($"{m.Person.Name} ({m.ProgramCode})", $"team/{m.Person.Slug}"))],
                $"Everyone wrote a summary for week {week}."),
        ];
    }
}
