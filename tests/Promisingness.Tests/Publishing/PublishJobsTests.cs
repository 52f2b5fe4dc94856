using System.Net;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Features.ImportExport;
using Promisingness.Web.Features.Publishing;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Publishing;

public sealed class PublishJobsTests : MentorAppTest
{
    [Fact]
    public async Task Admin_WritesTheReadmeAndTheArchive_AndDownloadsThem()
    {
        var admin = await Members.AddAsync(App, "boss@test.local", Roles.Admin);
        var jobs = App.Get<PublishJobs>();

        var readme = await jobs.RunAsync(admin, PublishKind.Readme);
        var archive = await jobs.RunAsync(admin, PublishKind.Archive);

        Assert.EndsWith("-readme.md", readme.Name);
        Assert.Contains(PublishJobs.Files(), f => f.Name == archive.Name);
        var client = await Members.SignInAsync(App, "boss@test.local");
        using var download = await client.GetAsync($"/admin/publish/files/{archive.Name}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains(JsonArchive.Format, await download.Content.ReadAsStringAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task NonAdmins_MayNeitherRunNorDownload()
    {
        var admin = await Members.AddAsync(App, "boss@test.local", Roles.Admin);
        var file = await App.Get<PublishJobs>().RunAsync(admin, PublishKind.Readme);
        await Members.AddAsync(App, "researcher@test.local", Roles.Researcher, Members.Aisc);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.Get<PublishJobs>().RunAsync(Mentor, PublishKind.Archive));
        using var anonymous = await Members.Client(App).GetAsync($"/admin/publish/files/{file.Name}");
        using var researcher = await (await Members.SignInAsync(App, "researcher@test.local")).GetAsync($"/admin/publish/files/{file.Name}");
        using var page = await (await Members.SignInAsync(App, "researcher@test.local")).GetAsync("/admin/publish");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, researcher.StatusCode);
        Assert.Contains("/Account/AccessDenied", researcher.Headers.Location!.ToString());
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("20261126-120000-readme.md.partial")]
    [InlineData("wiki.db")]
    public async Task Download_OfAnyOtherName_IsNotFound(string name)
    {
        await Members.AddAsync(App, "boss@test.local", Roles.Admin);
        var client = await Members.SignInAsync(App, "boss@test.local");

        using var response = await client.GetAsync($"/admin/publish/files/{name}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
