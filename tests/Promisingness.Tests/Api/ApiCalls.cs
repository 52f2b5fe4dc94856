using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Api;

namespace Promisingness.Tests.Api;

/// <summary>Calls the API as a script would: JSON over HTTP, with a token or without.</summary>
internal static class ApiCalls
{
    public static HttpClient Client(WikiApp app, string? token = null)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>A token made as a member makes one on their account page; its secret.</summary>
    public static async Task<string> TokenAsync(WikiApp app, string userId, TokenScope scope, string? assistant = null)
    {
        var created = Assert.IsType<TokenCreation.Created>(await app.Get<AccessTokens>().CreateAsync(userId, new TokenRequest($"{scope} token", scope, assistant, 30)));
        return created.Secret;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    /// <summary>Every slug the caller can list, following the cursor from page to page.</summary>
    public static async Task<List<string>> AllSlugsAsync(HttpClient client, int limit = 100)
    {
        var slugs = new List<string>();
        string? cursor = null;
        do
        {
            using var response = await client.GetAsync($"/api/v1/entries?limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"));
            response.EnsureSuccessStatusCode();
            var page = await JsonAsync(response);
            slugs.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("slug").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return slugs;
    }
}
