using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Promisingness.Tests.Infrastructure;

/// <summary>
/// A real SMTP server in the test process, on a free loopback port, keeping every message it accepts (parsed with
/// MimeKit). It can be stopped and started again on the same port, for the tests of a server that is away.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    public const string PublicUrl = "https://wiki.test.example/";

    private readonly ConcurrentQueue<MimeMessage> received = new();
    private SmtpServer.SmtpServer? server;
    private Task? running;

    public TestSmtpServer()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Start();
    }

    public int Port { get; }

    /// <summary>While set, every message is refused (554) after the whole of it was sent, as a server over its quota does.</summary>
    public bool Refusing { get; set; }

    public IReadOnlyList<MimeMessage> Received => [.. received];

    /// <summary>The wiki's settings for this server, links on <see cref="PublicUrl"/>, and a sender that looks every 50 ms.</summary>
    public Dictionary<string, string> Settings() => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "Test Wiki <wiki@test.example>",
        ["Wiki:PublicUrl"] = PublicUrl,
        ["Mail:PollMilliseconds"] = "50",
        ["Mail:FirstRetryMilliseconds"] = "50",
        ["Mail:LongestRetryMilliseconds"] = "400",
    };

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(CancellationToken.None);
    }

    public async Task StopAsync()
    {
        if (server is not null)
        {
            server.Shutdown();
            await server.ShutdownTask;
            await running!;
            server = null;
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds (15 s at most, for a busy CI machine).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 15 s for {what}.");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>The messages to <paramref name="address"/>, once there are at least <paramref name="count"/> (15 s at most).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1)
    {
        await UntilAsync(() => Task.FromResult(To(address).Count >= count), $"{count} messages to {address} (the server has {received.Count} in all)");
        return To(address);
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. received.Where(m => m.To.Mailboxes.Any(b => b.Address.Equals(address, StringComparison.OrdinalIgnoreCase)))];

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server.Refusing)
            {
                return SmtpResponse.TransactionFailed;
            }
            await using var stream = new MemoryStream(buffer.ToArray());
            server.received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
