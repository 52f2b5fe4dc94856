using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Attachments;

/// <summary>
/// POST /files/upload/{slug}?name=…: the editor sends a file's bytes as the body (the cookie signs in, the antiforgery
/// token comes as a header). GET /files/{hash}/{name}: the file, to whoever may read an entry it is attached to now.
/// </summary>
public static partial class AttachmentEndpoints
{
    public const string UploadPrefix = "/files/upload";

    /// <summary>An upload sets its own body limit (the attachment limit, not the forms' 8 MB), once it knows who asks.</summary>
    public static bool IsUpload(PathString path) => path.StartsWithSegments(UploadPrefix);

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Hash();

    public static void MapWikiAttachments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(UploadPrefix + "/{slug}", UploadAsync).RequireAuthorization();
        endpoints.MapGet("/files/{hash}/{name}", ServeAsync);
    }

    private static async Task<IResult> UploadAsync(string slug, string? name, HttpContext context, IAntiforgery antiforgery, WikiUsers users,
        AttachmentStore store, AttachmentSettings settings, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Text("This page has expired. Reload it and try again.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (await users.LoadAsync(context.User, cancellationToken) is not { Locked: false } user)
        {
            return Results.Text("Sign in to add files.", statusCode: StatusCodes.Status403Forbidden);
        }
        if (context.Request.ContentLength > settings.MaxBytes)
        {
            return Results.Text(store.TooLarge(context.Request.ContentLength.Value), statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = settings.MaxBytes + 1;
        }
        var bytes = await ReadAtMostAsync(context.Request.Body, settings.MaxBytes + 1, cancellationToken);
        var upload = await store.UploadAsync(user, slug, name, bytes, cancellationToken);
        if (upload.Attachment is not { } attachment)
        {
            return Results.Text(upload.Problem, statusCode: upload.Status);
        }
        var url = AttachmentStore.UrlOf(attachment);
        return Results.Json(new
        {
            url,
            name = attachment.FileName,
            image = attachment.Width is not null,
            width = attachment.Width,
            height = attachment.Height,
        });
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream body, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length >= max)
            {
                break;
            }
        }
        return buffer.ToArray();
    }

    private static async Task<IResult> ServeAsync(string hash, string name, HttpContext context, WikiUsers users, AttachmentStore store, CancellationToken cancellationToken)
    {
        // No cookie on a file (a shared cache would keep it): not even the sign-in cookie's sliding renewal.
        context.Response.OnStarting(static state =>
        {
            ((HttpResponse)state).Headers.Remove(HeaderNames.SetCookie);
            return Task.CompletedTask;
        }, context.Response);
        var reader = context.User.Identity?.IsAuthenticated == true ? await users.LoadAsync(context.User, cancellationToken) : null;
        if (!Hash().IsMatch(hash) || await store.FindAsync(hash, name, reader, cancellationToken) is not { } file)
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.NotFound();
        }
        var headers = context.Response.Headers;
        // The address holds the hash of the bytes, so a public file never changes under it. Anything else is kept by no cache:
        // the entry may turn team-only, and a shared cache must not go on serving it.
        headers.CacheControl = file.Public ? "public, max-age=31536000, immutable" : "private, no-store";
        headers.XContentTypeOptions = "nosniff";
        var disposition = new ContentDispositionHeaderValue(FileKind.ShowsInline(file.ContentType) ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        headers.ContentDisposition = disposition.ToString();
        var content = await store.ContentAsync(hash, cancellationToken);
        return Results.Bytes(content, file.ContentType, entityTag: new EntityTagHeaderValue($"\"{hash}\""), enableRangeProcessing: true);
    }
}
