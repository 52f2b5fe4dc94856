using System.Collections.Concurrent;
using System.Diagnostics;

namespace Bench;

/// <summary>The published wiki as its own process, the way it runs in production, on a loopback port.</summary>
internal sealed class WikiServer : IAsyncDisposable
{
    public const string AdminEmail = "admin@bench.local";
    public const string AdminPassword = "bench admin passphrase";

    private readonly Process process;

    private WikiServer(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }
    public TimeSpan StartedIn { get; private set; }
    public int Pid => process.Id;

    /// <summary>Standard output lines as they come (the memory probe writes there).</summary>
    public BlockingCollection<string> Lines { get; } = [];

    /// <summary>Starts the server and returns once <paramref name="firstPage"/> answers 200; StartedIn is from process start to that answer.</summary>
    public static async Task<WikiServer> StartAsync(Options options, string database, IDictionary<string, string>? settings = null, string firstPage = "/", TimeSpan? timeout = null)
    {
        var port = Tools.FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = options.WebFolder };
        start.ArgumentList.Add(Path.Combine(options.WebFolder, "Promisingness.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Wiki"] = $"DataSource={database}";
        start.Environment["Admin__Email"] = AdminEmail;
        start.Environment["Admin__Password"] = AdminPassword;
        start.Environment["RateLimits__SignInPerMinute"] = "100000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var watch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the wiki");
        var server = new WikiServer(process, $"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                server.Lines.Add(e.Data);
            }
        };
        var errors = new ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(1) }) { Timeout = TimeSpan.FromSeconds(60) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The wiki exited with {process.ExitCode}: {string.Join('\n', errors.TakeLast(20))}");
            }
            try
            {
                using var response = await client.GetAsync(server.BaseUrl + firstPage);
                if ((int)response.StatusCode == 200)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new TimeoutException("The wiki did not answer in time");
            }
            await Task.Delay(10);
        }
        server.StartedIn = watch.Elapsed;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        Lines.Dispose();
    }
}
