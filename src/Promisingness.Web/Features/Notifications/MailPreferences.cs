using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Mail;

namespace Promisingness.Web.Features.Notifications;

/// <summary>
/// How each member hears of each kind of notification by mail: their choice, or the kind's default; and the time zone
/// their digests keep: theirs, or Mail:DigestTimeZone.
/// </summary>
public sealed class MailPreferences(IDbContextFactory<WikiDbContext> dbFactory, MailSettings settings)
{
    /// <summary>The kinds a member chooses for, in the order the account page lists them, with what each is.</summary>
    public static readonly IReadOnlyList<(NotificationKind Kind, string Label)> Kinds =
    [
        (NotificationKind.Submitted, "A weekly summary is submitted for your review"),
        (NotificationKind.ReviewDecision, "Your weekly summary gets a review decision (changes requested, approved, published)"),
        (NotificationKind.ActionItems, "A new meeting gives you action items"),
        (NotificationKind.Mention, "Someone mentions you in a comment"),
        (NotificationKind.Reply, "Someone replies in a discussion you took part in"),
        (NotificationKind.Comment, "Someone comments on an entry you watch"),
        (NotificationKind.Resolved, "A discussion you took part in is resolved or reopened"),
        (NotificationKind.WatchedChange, "Someone saves an entry you watch"),
        (NotificationKind.Suggestion, "Someone suggests an edit to an entry you watch, or decides on your suggestion"),
    ];

    /// <summary>
    /// What happens to the people's work and to them at once; talk around them once a day; others' saves of what they
    /// watch once a week (a busy week of a watched topic would otherwise be a mail a day).
    /// </summary>
    public static MailDelivery Default(NotificationKind kind) => kind switch
    {
        NotificationKind.Comment or NotificationKind.Resolved => MailDelivery.DailyDigest,
        NotificationKind.WatchedChange => MailDelivery.WeeklyDigest,
        _ => MailDelivery.AtOnce,
    };

    public static string Label(NotificationKind kind) => Kinds.FirstOrDefault(k => k.Kind == kind).Label ?? kind.ToString();

    public static string Describe(MailDelivery delivery) => delivery switch
    {
        MailDelivery.AtOnce => "At once",
        MailDelivery.DailyDigest => "Daily digest",
        MailDelivery.WeeklyDigest => "Weekly digest",
        _ => "Off",
    };

    /// <summary>Every kind's delivery for each of <paramref name="userIds"/>, read through the caller's context.</summary>
    public static async Task<Dictionary<string, Dictionary<NotificationKind, MailDelivery>>> OfAsync(WikiDbContext db, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        var rows = await db.NotificationPreferences.AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToListAsync(cancellationToken);
        return userIds.Distinct().ToDictionary(id => id, id =>
        {
            var chosen = rows.Where(r => r.UserId == id).ToDictionary(r => r.Kind, r => r.Delivery);
            return Enum.GetValues<NotificationKind>().ToDictionary(k => k, k => chosen.TryGetValue(k, out var d) ? d : Default(k));
        });
    }

    public async Task<IReadOnlyDictionary<NotificationKind, MailDelivery>> OfAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await OfAsync(db, [userId], cancellationToken))[userId];
    }

    /// <summary>Records the member's choices (only the kinds given; the others keep theirs).</summary>
    public async Task SetAsync(string userId, IReadOnlyDictionary<NotificationKind, MailDelivery> choices, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var kinds = choices.Keys.ToList();
        var rows = await db.NotificationPreferences.Where(p => p.UserId == userId && kinds.Contains(p.Kind)).ToDictionaryAsync(p => p.Kind, cancellationToken);
        foreach (var (kind, delivery) in choices)
        {
            if (rows.TryGetValue(kind, out var row))
            {
                row.Delivery = delivery;
            }
            else
            {
                db.NotificationPreferences.Add(new NotificationPreference { UserId = userId, Kind = kind, Delivery = delivery });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The zones a member chooses from: the system's, by their IANA ids, in order.</summary>
    public static readonly IReadOnlyList<string> TimeZoneIds = [.. TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.HasIanaId ? z.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : null)
        .OfType<string>().Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The zone of <paramref name="id"/>, or <paramref name="fallback"/> when there is none or it is no longer known.</summary>
    public static TimeZoneInfo ZoneOf(string? id, TimeZoneInfo fallback) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : fallback;

    /// <summary>Each member's zone id among <paramref name="userIds"/> who chose one, read through the caller's context.</summary>
    public static async Task<Dictionary<string, string>> TimeZoneIdsOfAsync(WikiDbContext db, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) =>
        await db.NotificationSchedules.AsNoTracking().Where(s => userIds.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, s => s.TimeZoneId, cancellationToken);

    /// <summary>The member's zone id: their choice, else the wiki's (Mail:DigestTimeZone).</summary>
    public async Task<string> TimeZoneIdAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await TimeZoneIdsOfAsync(db, [userId], cancellationToken)).GetValueOrDefault(userId) ?? DefaultTimeZoneId;
    }

    /// <summary>Mail:DigestTimeZone's IANA id (UTC when unset).</summary>
    public string DefaultTimeZoneId => settings.DigestTimeZone.HasIanaId || !TimeZoneInfo.TryConvertWindowsIdToIanaId(settings.DigestTimeZone.Id, out var iana)
        ? settings.DigestTimeZone.Id : iana;

    /// <summary>Why <paramref name="timeZoneId"/> cannot be a member's zone (it is not one of <see cref="TimeZoneIds"/>), or null.</summary>
    public static string? TimeZoneProblem(string? timeZoneId) => TimeZoneIds.Contains(timeZoneId?.Trim() ?? "", StringComparer.Ordinal)
        ? null : "Choose a time zone from the list, such as Europe/Berlin or America/New_York.";

    /// <summary>Records the member's zone; refuses (changing nothing) an id that is not one of <see cref="TimeZoneIds"/>.</summary>
    public async Task<string?> SetTimeZoneAsync(string userId, string? timeZoneId, CancellationToken cancellationToken = default)
    {
        if (TimeZoneProblem(timeZoneId) is { } problem)
        {
            return problem;
        }
        var id = timeZoneId!.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.NotificationSchedules.SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        if (row is null)
        {
            db.NotificationSchedules.Add(new NotificationSchedule { UserId = userId, TimeZoneId = id });
        }
        else
        {
            row.TimeZoneId = id;
        }
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
