using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Features.Accounts;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Http;

/// <summary>The invitation page as the invited person meets it.</summary>
public sealed class InvitationPageTests(WikiApp app) : IClassFixture<WikiApp>
{
    [Fact]
    public async Task Get_TamperedLink_ShowsAClearPageAndNoForm()
    {
        using var response = await app.CreateClient().GetAsync("/invite/not-a-real-token");

        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("This invitation cannot be used", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("not valid", page.QuerySelector("[role=alert]")?.TextContent);
        Assert.Null(page.QuerySelector("main form")); // The app bar's search form is on every page.
    }

    [Fact]
    public async Task Get_ValidLink_OffersTheFormPrefilledWithTheTeamMember()
    {
        string adminId;
        int minh;
        using (var db = app.CreateDbContext())
        {
            adminId = (await db.Users.SingleAsync(u => u.Email == WikiApp.AdminEmail)).Id;
            minh = (await db.Members.SingleAsync(m => m.Slug == "minh-nguyen")).Id;
        }
        var (_, token) = await app.Get<Invitations>().CreateAsync(adminId, Roles.Researcher, 3, minh, null);

        using var response = await app.CreateClient().GetAsync($"/invite/{token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Join the Promisingness Wiki", page.QuerySelector("h1")?.TextContent);
        Assert.Equal("Minh Nguyen", page.QuerySelector("input[id='Input.DisplayName']")?.GetAttribute("value"));
        Assert.Contains("SPAR", page.QuerySelector(".lead")?.TextContent);
    }
}
