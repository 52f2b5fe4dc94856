using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Notifications;

/// <summary>How each member hears of each kind of notification by mail: their choice, or the kind's default.</summary>
public sealed class MailPreferences(IDbContextFactory<WikiDbContext> dbFactory)
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
}
