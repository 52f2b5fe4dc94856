using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Attachments;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Attachments;

/// <summary>Uploading over HTTP as the editor does, and fetching files as each kind of reader.</summary>
public sealed class AttachmentHttpTests : MentorAppTest
{
    private async Task<HttpClient> MentorClientAsync() => await Members.SignInAsync(App, $"mentor-{GetType().Name}@test.local".ToLowerInvariant());

    /// <summary>Posts the bytes as editor.js does: the body is the file, the token a header read from the signed-in page.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string slug, string name, byte[] bytes, bool withToken = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/files/upload/{slug}?name={Uri.EscapeDataString(name)}") { Content = new ByteArrayContent(bytes) };
        // What a browser would claim; the server does not believe it.
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        if (withToken)
        {
            var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));
            request.Headers.Add("RequestVerificationToken", page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        }
        return await client.SendAsync(request);
    }

    private static async Task<string> UrlOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("url").GetString()!;
    }

    private async Task<SaveResult.Saved> TeamPageAsync() => Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().CreateAsync(Mentor, EntryKind.Page,
        new EntryInput("Figures of the team", "A plot.", Visibility.Team, null, "")));

    private async Task SetVisibilityAsync(SaveResult.Saved page, int revision, Visibility visibility) =>
        Assert.IsType<SaveResult.Saved>(await App.Get<EntryEditor>().SaveAsync(Mentor, page.EntryId, revision, new EntryInput("Figures of the team", "A plot.", visibility, null, "")));

    [Fact]
    public async Task APublicEntrysImage_IsServedToAnyoneInline_CachedForGood_WithoutCookies()
    {
        var mentor = await MentorClientAsync();
        var url = await UrlOfAsync(await PostAsync(mentor, "goal", "loss curve.png", TestFiles.Png()));

        using var response = await Members.Client(App).GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("loss-curve.png", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
        Assert.True(response.Headers.CacheControl.Public);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        // Encoded again on upload: a PNG still, with the same size.
        Assert.Equal(FileKind.Png, FileKind.Sniff(await response.Content.ReadAsByteArrayAsync(), "x"));
        // A member's request renews no cookie on a file either.
        using var asMember = await mentor.GetAsync(url);
        Assert.False(asMember.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task AText_IsDownloadedNotShown_AndATeamFile_IsNotCachedByOthers()
    {
        var mentor = await MentorClientAsync();
        var page = await TeamPageAsync();
        var url = await UrlOfAsync(await PostAsync(mentor, page.Slug, "losses.csv", "model,loss\ngpt-2,3.1\n"u8.ToArray()));

        using var response = await mentor.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.True(response.Headers.CacheControl.Private);
    }

    [Fact]
    public async Task ATeamEntrysFile_AnswersNotFoundToAnonymous_AlsoAfterTurningPublicAndTeamOnlyAgain()
    {
        var mentor = await MentorClientAsync();
        var page = await TeamPageAsync();
        var url = await UrlOfAsync(await PostAsync(mentor, page.Slug, "plot.png", TestFiles.Png()));
        var anonymous = Members.Client(App);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mentor.GetAsync(url)).StatusCode);
        await SetVisibilityAsync(page, 1, Visibility.Public);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);
        await SetVisibilityAsync(page, 2, Visibility.Team);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Uploads_WithoutSignInOrToken_OrOfARefusedKind_StoreNothing()
    {
        var mentor = await MentorClientAsync();

        using var anonymous = await PostAsync(Members.Client(App), "goal", "plot.png", TestFiles.Png(), withToken: false);
        using var forged = await PostAsync(mentor, "goal", "plot.png", TestFiles.Png(), withToken: false);
        using var svg = await PostAsync(mentor, "goal", "diagram.svg", TestFiles.Svg());
        using var missing = await PostAsync(mentor, "no-such-entry", "plot.png", TestFiles.Png());

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, svg.StatusCode);
        Assert.Contains("SVG", await svg.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var db = App.CreateDbContext();
        Assert.Empty(db.Attachments);
    }

    [Fact]
    public async Task AnUploadOverTheFormsLimit_ButWithinTheFilesLimit_IsTaken()
    {
        var mentor = await MentorClientAsync();
        var text = new byte[(int)RequestLimits.MaxRequestBodyBytes + 1024];
        Array.Fill(text, (byte)'a');

        using var response = await PostAsync(mentor, "goal", "long.txt", text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
