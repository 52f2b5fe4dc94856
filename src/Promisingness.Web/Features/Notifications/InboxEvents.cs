using Promisingness.Web.Scaling;

namespace Promisingness.Web.Features.Notifications;

/// <summary>Tells open circuits, on every instance, that someone's inbox changed, so unread counts update live.</summary>
public sealed class InboxEvents
{
    private const string Topic = "inbox-changed";
    private readonly OtherInstances others;

    public InboxEvents(OtherInstances others)
    {
        this.others = others;
        others.On<string[]>(Topic, RaiseHere);
    }

    public event Action<string>? Changed;

    public void Raise(IEnumerable<string> userIds)
    {
        var ids = userIds.Distinct().ToArray();
        RaiseHere(ids);
        others.Tell(Topic, ids);
    }

    private void RaiseHere(string[] userIds)
    {
        foreach (var id in userIds)
        {
            Changed?.Invoke(id);
        }
    }
}
