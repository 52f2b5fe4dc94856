using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Mail;

namespace Promisingness.Web.Features.Notifications;

public enum UnsubscribeState { Confirm, Done, Refused }

/// <summary>
/// A mail's unsubscribe link. A GET only shows a button (link scanners and previews follow links, and must not
/// unsubscribe anyone); a POST to the same address, from that button or a mail program's one-click unsubscribe
/// (RFC 8058), turns the kinds off. The signed token is the authority: no sign-in, and no antiforgery token,
/// which a mail program does not have.
/// </summary>
public static class UnsubscribeEndpoints
{
    public static void MapUnsubscribe(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + UnsubscribeTokens.Path, (string? t, UnsubscribeTokens tokens, MailSettings settings, HttpContext context) =>
            tokens.Read(t) is { } request ? Page(UnsubscribeState.Confirm, request, settings, context) : Page(UnsubscribeState.Refused, null, settings, context));

        endpoints.MapPost("/" + UnsubscribeTokens.Path, async (string? t, UnsubscribeTokens tokens, MailPreferences preferences, IDbContextFactory<WikiDbContext> dbFactory,
            MailSettings settings, HttpContext context, CancellationToken cancellationToken) =>
        {
            var request = tokens.Read(t);
            if (request is null)
            {
                return Page(UnsubscribeState.Refused, null, settings, context);
            }
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                if (!await db.Users.AnyAsync(u => u.Id == request.UserId, cancellationToken))
                {
                    // The account is gone, and with it every mail to it: nothing is left to turn off.
                    return Page(UnsubscribeState.Done, request, settings, context);
                }
            }
            await preferences.SetAsync(request.UserId, request.Kinds.ToDictionary(k => k, _ => MailDelivery.Off), cancellationToken);
            return Page(UnsubscribeState.Done, request, settings, context);
        }).DisableAntiforgery();
    }

    private static RazorComponentResult<UnsubscribePage> Page(UnsubscribeState state, UnsubscribeTokens.Request? request, MailSettings settings, HttpContext context) => new(new
    {
        State = state,
        Kinds = (IReadOnlyList<string>)(request?.Kinds.Select(MailPreferences.Label).ToList() ?? []),
        PreferencesUrl = settings.Link(NotificationMail.PreferencesPath, new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/")).AbsoluteUri,
    })
    {
        StatusCode = state == UnsubscribeState.Refused ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK,
    };
}
