namespace Promisingness.Web.Features.Inbox;

/// <summary>Tells open circuits that someone's inbox changed, so unread counts update live.</summary>
public sealed class InboxEvents
{
    public event Action<string>? Changed;

    public void Raise(IEnumerable<string> userIds)
    {
        foreach (var id in userIds.Distinct())
        {
            Changed?.Invoke(id);
        }
    }
}
