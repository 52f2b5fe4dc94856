using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Api;

/// <summary>
/// Whether scripts and assistants may use the wiki at all (the API, with or without a token): an admin's switch,
/// kept as a setting so that every instance reads the same answer. On unless switched off.
/// </summary>
public sealed class MachineAccess(IDbContextFactory<WikiDbContext> dbFactory, Audit audit)
{
    private const string Off = "off";

    public async Task<bool> IsOnAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Settings.Where(s => s.Key == WikiSetting.MachineAccess).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken) != Off;
    }

    /// <summary>False when the actor is not an admin; nothing changes then.</summary>
    public async Task<bool> SetAsync(WikiUser actor, bool on, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdmin || actor.Locked)
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var setting = await db.Settings.FindAsync([WikiSetting.MachineAccess], cancellationToken);
        if (setting is null)
        {
            db.Settings.Add(new WikiSetting { Key = WikiSetting.MachineAccess, Value = on ? "on" : Off });
        }
        else
        {
            setting.Value = on ? "on" : Off;
        }
        audit.Add(db, actor, AuditActions.MachineAccessChanged, on ? "machine access switched on" : "machine access switched off");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
