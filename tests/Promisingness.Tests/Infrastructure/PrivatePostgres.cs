using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Promisingness.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of the test run's own, for a machine where PostgreSQL is installed (Debian's package) but no
/// server is named in TEST_POSTGRES: a new cluster in a temporary folder on a free loopback port, without fsync,
/// stopped and deleted when the run ends. So README's test command runs the PostgreSQL tests too.
/// </summary>
internal static class PrivatePostgres
{
    public const string InstallHint = "apt-get install -y postgresql";

    private static readonly Lazy<string?> Server = new(() => OperatingSystem.IsWindows() ? null : Start());

    /// <summary>The binaries' folder of the newest installed PostgreSQL, or null.</summary>
    public static string? Binaries { get; } = !OperatingSystem.IsWindows() && Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql")
            .Select(folder => Path.Combine(folder, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "postgres")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var version) ? version : 0)
            .FirstOrDefault()
        : null;

    /// <summary>A connection string to the private server (its superuser), started on first use.</summary>
    public static string? ConnectionString => Binaries is null || OperatingSystem.IsWindows() ? null : Server.Value;

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string Start()
    {
        // initdb refuses to run as root: as root, the cluster belongs to Debian's postgres user.
        var asRoot = Environment.UserName == "root";
        var user = asRoot ? "postgres" : Environment.UserName;
        var folder = Directory.CreateTempSubdirectory("promisingness-postgres-").FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        var data = Path.Combine(folder, "data");
        Run(asRoot, "initdb", "-D", data, "-U", user, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        var port = FreePort();
        var server = Process.Start(Command(asRoot, "postgres", "-D", data, "-p", port.ToString(), "-k", folder,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300"))
            ?? throw new InvalidOperationException("postgres did not start.");
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            NpgsqlConnection.ClearAllPools();
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                server.WaitForExit(10_000);
            }
            Directory.Delete(folder, recursive: true);
        };
        var connectionString = $"Host=127.0.0.1;Port={port};Username={user};Database=postgres";
        for (var waited = 0; ; waited += 100)
        {
            try
            {
                using var connection = new NpgsqlConnection(connectionString);
                connection.Open();
                return connectionString;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException && waited < 30_000 && !server.HasExited)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static ProcessStartInfo Command(bool asRoot, string program, params string[] args)
    {
        var info = asRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", Path.Combine(Binaries!, program), .. args])
            : new ProcessStartInfo(Path.Combine(Binaries!, program), args);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        return info;
    }

    private static void Run(bool asRoot, string program, params string[] args)
    {
        using var process = Process.Start(Command(asRoot, program, args)) ?? throw new InvalidOperationException($"{program} did not start.");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {error.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
