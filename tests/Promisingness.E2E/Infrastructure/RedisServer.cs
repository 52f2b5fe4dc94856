using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Promisingness.E2E.Infrastructure;

/// <summary>A real redis-server (Debian's package) on a free loopback port, with nothing saved to disk, for one test class.</summary>
public sealed class RedisServer : IDisposable
{
    public const string InstallHint = "REDIS-SERVER NOT FOUND: the several-instances tests need it. Install it (apt-get install -y redis-server) or set REDIS_SERVER_PATH.";

    private readonly Process process;

    private RedisServer(Process process, int port)
    {
        this.process = process;
        Configuration = $"127.0.0.1:{port}";
    }

    public static string? Path { get; } = Find();

    /// <summary>What the wiki's <c>Redis:Configuration</c> takes.</summary>
    public string Configuration { get; }

    public static async Task<RedisServer> StartAsync()
    {
        var executable = Path ?? throw new InvalidOperationException(InstallHint);
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(executable, ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        for (var waited = 0; ; waited += 100)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (waited < 10_000 && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                server.Dispose();
                throw new InvalidOperationException($"redis-server did not answer on port {port}.");
            }
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5000);
        }
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("REDIS_SERVER_PATH");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }
        string[] candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];
        return candidates.FirstOrDefault(File.Exists);
    }
}

/// <summary>
/// A test of several instances: it needs Redis and Chromium. Without them it reports itself skipped, loudly,
/// with the install hint, except under CI, where a missing server or browser fails the run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScaleFactAttribute : FactAttribute
{
    public ScaleFactAttribute()
    {
        if (Chromium.RunningUnderCi)
        {
            return;
        }
        if (RedisServer.Path is null)
        {
            Skip = RedisServer.InstallHint;
            Console.Error.WriteLine(RedisServer.InstallHint);
        }
        else if (Chromium.Path is null)
        {
            Skip = Chromium.InstallHint;
        }
    }
}
