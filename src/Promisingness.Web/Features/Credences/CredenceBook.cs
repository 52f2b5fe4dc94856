using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Caching;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Credences;

/// <summary>
/// Members' estimates for a question. Every estimate is kept (the chart shows how they moved); the latest
/// per member counts for the median. Anonymous visitors of a public question see the numbers, never names.
/// A member may withdraw their estimate: its rows stay (with WithdrawnAt) but count nowhere.
/// </summary>
public sealed class CredenceBook(IDbContextFactory<WikiDbContext> dbFactory, WikiUsers users, PublicPageCache cache, WriteRateLimit rateLimit, TimeProvider clock)
{
    public const string OutOfRange = "Give a probability between 0 and 100 %.";

    /// <summary>
    /// The probability a member typed, in percent ("12.5", "12,5", "12.5 %"): the number, or what to tell them.
    /// Nothing is clamped or defaulted: 150, −5 and "abc" are refused, not read as 100 or 0.
    /// </summary>
    public static (double? Percent, string? Problem) ReadPercent(string? text)
    {
        var trimmed = (text ?? "").Trim().TrimEnd('%').Trim().Replace(',', '.');
        if (trimmed.Length == 0)
        {
            return (null, OutOfRange);
        }
        if (!double.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var percent))
        {
            return (null, $"That is not a number. {OutOfRange}");
        }
        return IsPercent(percent) ? (percent, null) : (null, OutOfRange);
    }

    /// <summary>Null when the rationale fits; it is refused, never cut, when it does not.</summary>
    public static string? RationaleProblem(string? rationale)
    {
        var length = (rationale ?? "").Trim().Length;
        return length > Credence.RationaleMaxLength ? $"Keep the rationale under {Credence.RationaleMaxLength} characters; this one has {length}." : null;
    }

    private static bool IsPercent(double percent) => !double.IsNaN(percent) && percent >= 0 && percent <= 100;

    /// <summary>Null when recorded; otherwise what to tell the member. <paramref name="percent"/> is 0–100.</summary>
    public async Task<string?> RecordAsync(string userId, int entryId, double percent, string? rationale, CancellationToken cancellationToken = default)
    {
        if (!IsPercent(percent))
        {
            return OutOfRange;
        }
        if (RationaleProblem(rationale) is { } tooLong)
        {
            return tooLong;
        }
        rationale = rationale?.Trim() ?? "";
        if (rateLimit.Refusal(userId) is { } tooFast)
        {
            return tooFast;
        }
        var user = await users.LoadAsync(userId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var facts = await EntryAccess.FactsAsync(db, entryId, cancellationToken);
        var kind = await db.Entries.Where(e => e.Id == entryId).Select(e => (EntryKind?)e.Kind).FirstOrDefaultAsync(cancellationToken);
        if (facts is null || !EntryPermissions.Can(user, EntryOperation.Comment, facts))
        {
            return user is null ? "Sign in to record an estimate." : "This question does not exist, or you may not see it.";
        }
        if (kind != EntryKind.Question)
        {
            return "Estimates are recorded on questions only.";
        }
        var now = clock.GetUtcNow();
        db.Credences.Add(new Credence { EntryId = entryId, UserId = user!.Id, MemberName = user.Name, Probability = Math.Round(percent, 3) / 100, Rationale = rationale, At = now });
        // The activity row tells every instance's cache watcher that the public page changed.
        Audit.Write(db, now, AuditActions.CredenceRecorded, user.Name, user.Id, "recorded an estimate", entryId: entryId);
        await db.SaveChangesAsync(cancellationToken);
        await cache.EvictAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Withdraws the member's own estimate on the question, with the history that led to it: null when done,
    /// otherwise what to tell them. Only the member themselves can withdraw it.
    /// </summary>
    public async Task<string?> WithdrawAsync(string userId, int entryId, CancellationToken cancellationToken = default)
    {
        var user = await users.LoadAsync(userId, cancellationToken);
        if (user is null)
        {
            return "Sign in to withdraw your estimate.";
        }
        if (rateLimit.Refusal(userId) is { } tooFast)
        {
            return tooFast;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var facts = await EntryAccess.FactsAsync(db, entryId, cancellationToken);
        if (facts is null || !EntryPermissions.Can(user, EntryOperation.Read, facts))
        {
            return "This question does not exist, or you may not see it.";
        }
        var standing = await db.Credences.Where(c => c.EntryId == entryId && c.UserId == user.Id && c.WithdrawnAt == null).ToListAsync(cancellationToken);
        if (standing.Count == 0)
        {
            return "You have no estimate on this question to withdraw.";
        }
        var now = clock.GetUtcNow();
        standing.ForEach(c => c.WithdrawnAt = now);
        Audit.Write(db, now, AuditActions.CredenceWithdrawn, user.Name, user.Id, "withdrew an estimate", entryId: entryId);
        await db.SaveChangesAsync(cancellationToken);
        await cache.EvictAsync(cancellationToken);
        return null;
    }

    public async Task<CredenceSummary> SummaryAsync(int entryId, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var facts = await EntryAccess.FactsAsync(db, entryId, cancellationToken);
        if (facts is null || !EntryPermissions.Can(reader, EntryOperation.Read, facts))
        {
            return CredenceSummary.Empty;
        }
        var all = await db.Credences.AsNoTracking().Where(c => c.EntryId == entryId && c.WithdrawnAt == null).OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var people = all.Select(c => c.UserId).Distinct().ToList();
        var latest = all.GroupBy(c => c.UserId).Select(g => g.Last()).OrderBy(c => c.Probability).ToList();
        var named = EntryPermissions.Can(reader, EntryOperation.ReadComments, facts);
        return new CredenceSummary(
            named ? [.. latest.Select(c => new LatestCredence(c.MemberName, c.Probability, c.Rationale, c.At, c.UserId == reader?.Id))] : [],
            Median(latest.Select(c => c.Probability).ToList()),
            people.Count,
            [.. all.Select(c => new CredencePoint(people.IndexOf(c.UserId), c.At, c.Probability))],
            named ? [.. people.Select(id => all.Last(c => c.UserId == id).MemberName)] : []);
    }

    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>"0.1 %", "12 %", "99.5 %": as many decimals as a small or large probability needs.</summary>
    public static string Format(double probability)
    {
        var percent = probability * 100;
        var text = percent switch
        {
            0 or 100 => percent.ToString("0", CultureInfo.InvariantCulture),
            < 1 or > 99 => percent.ToString("0.###", CultureInfo.InvariantCulture),
            _ => percent.ToString("0.#", CultureInfo.InvariantCulture),
        };
        return $"{text} %";
    }
}
