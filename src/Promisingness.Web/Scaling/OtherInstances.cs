using System.Collections.Concurrent;
using System.Text.Json;
using StackExchange.Redis;

namespace Promisingness.Web.Scaling;

/// <summary>
/// The other instances of the wiki behind the same load balancer, reached through Redis pub/sub when
/// <c>Redis:Configuration</c> is set. What happens live (a comment, an inbox count, who is editing, a cache
/// eviction) is raised on the instance where someone acted, but circuits and cached pages live on every
/// instance: each event hub raises its event here and tells the others, which raise it for their own
/// circuits. Without Redis there are no others and telling them does nothing (one process, as before).
/// A SignalR backplane would not carry these: circuits are sticky to one instance and our events are .NET
/// events inside it, not hub groups. See docs/SCALING.md.
/// </summary>
public sealed class OtherInstances(IConfiguration configuration, ILogger<OtherInstances> logger) : IHostedService, IAsyncDisposable
{
    private const string ConfirmedTopic = "confirmed";
    private static readonly TimeSpan ConfirmationTimeout = TimeSpan.FromSeconds(2);

    private readonly string? redisConfiguration = configuration["Redis:Configuration"] is { Length: > 0 } value ? value : null;
    private readonly RedisChannel channel = RedisChannel.Literal((configuration["Redis:Channel"] ?? "promisingness") + ":events");
    private readonly Guid self = Guid.NewGuid();
    private readonly ConcurrentDictionary<string, Func<JsonElement, Task>> handlers = new();
    private readonly ConcurrentDictionary<Guid, Confirmations> awaiting = new();
    private ConnectionMultiplexer? redis;

    /// <summary>Null when no Redis is configured (one instance); otherwise whether it is connected now.</summary>
    public bool? Connected => redisConfiguration is null ? null : redis?.IsConnected == true;

    /// <summary>Handles what another instance tells (never what this one tells: its own hub raised that already).</summary>
    public void On<T>(string topic, Func<T, Task> handler) => handlers[topic] = body => handler(body.Deserialize<T>()!);

    public void On<T>(string topic, Action<T> handler) => On<T>(topic, message =>
    {
        handler(message);
        return Task.CompletedTask;
    });

    /// <summary>Tells the other instances without waiting: a live update that arrives a moment later is still live.</summary>
    public void Tell<T>(string topic, T message)
    {
        if (redis is null || !redis.IsConnected)
        {
            return;
        }
        try
        {
            redis.GetSubscriber().Publish(channel, Envelope.Write(self, topic, message, confirm: null), CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            logger.LogWarning(e, "Could not tell the other instances about {Topic}.", topic);
        }
    }

    /// <summary>
    /// Tells the other instances and waits until each has handled it (at most two seconds), so that what the
    /// caller does next (answer a save) happens after every instance acted. False when one did not answer.
    /// </summary>
    public async Task<bool> TellAndWaitAsync<T>(string topic, T message, CancellationToken cancellationToken = default)
    {
        if (redis is null)
        {
            return true;
        }
        if (!redis.IsConnected)
        {
            // Not a save held up for the connect timeout: the other instances' watchers catch up within a second.
            logger.LogWarning("Redis is not connected; the other instances were not told about {Topic}.", topic);
            return false;
        }
        var id = Guid.NewGuid();
        var confirmations = new Confirmations();
        awaiting[id] = confirmations;
        try
        {
            // Every instance subscribes to the channel, this one included.
            var receivers = await redis.GetSubscriber().PublishAsync(channel, Envelope.Write(self, topic, message, confirm: id));
            await confirmations.Expect((int)receivers - 1).WaitAsync(ConfirmationTimeout, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is TimeoutException or RedisException)
        {
            logger.LogWarning(e, "Not every instance confirmed {Topic} in time.", topic);
            return false;
        }
        finally
        {
            awaiting.TryRemove(id, out _);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redisConfiguration is null)
        {
            return;
        }
        var options = ConfigurationOptions.Parse(redisConfiguration);
        // Start, and keep reconnecting, while Redis is away: the instance serves on its own meanwhile.
        options.AbortOnConnectFail = false;
        redis = await ConnectionMultiplexer.ConnectAsync(options);
        try
        {
            // One queue, handled in order: a "left the editor" must not overtake its "joined".
            (await redis.GetSubscriber().SubscribeAsync(channel)).OnMessage(ReceiveAsync);
        }
        catch (RedisException e)
        {
            logger.LogError(e, "Could not subscribe to Redis at {Redis}; live updates from other instances will be missed.", options.ToString(includePassword: false));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (redis is not null)
        {
            await redis.DisposeAsync();
        }
    }

    private async Task ReceiveAsync(ChannelMessage message)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>((string)message.Message!);
            if (envelope is null || envelope.From == self)
            {
                return;
            }
            if (envelope.Topic == ConfirmedTopic)
            {
                if (awaiting.TryGetValue(envelope.Body.Deserialize<Guid>(), out var confirmations))
                {
                    confirmations.Add();
                }
                return;
            }
            if (handlers.TryGetValue(envelope.Topic, out var handle))
            {
                await handle(envelope.Body);
            }
            if (envelope.Confirm is { } id)
            {
                Tell(ConfirmedTopic, id);
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not handle a message from another instance.");
        }
    }

    private sealed record Envelope(Guid From, string Topic, JsonElement Body, Guid? Confirm)
    {
        public static string Write<T>(Guid from, string topic, T body, Guid? confirm) =>
            JsonSerializer.Serialize(new Envelope(from, topic, JsonSerializer.SerializeToElement(body), confirm));
    }

    /// <summary>Counts confirmations, which may arrive before Redis has said how many receivers there are.</summary>
    private sealed class Confirmations
    {
        private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int received;
        private int? expected;

        public Task Expect(int count)
        {
            lock (done)
            {
                expected = count;
                Settle();
            }
            return done.Task;
        }

        public void Add()
        {
            lock (done)
            {
                received++;
                Settle();
            }
        }

        private void Settle()
        {
            if (received >= expected)
            {
                done.TrySetResult();
            }
        }
    }
}
