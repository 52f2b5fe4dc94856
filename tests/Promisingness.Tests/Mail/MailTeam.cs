using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Mail;

/// <summary>
/// The accounts the mail tests write as: two researchers of AISC and the mentor, each the seed's team member of that
/// name (so mentions of @severin-field reach them). Users: "severin", "marcel", "mentor"; MemberIds by member slug.
/// </summary>
public sealed class MailTeam
{
    public Dictionary<string, string> Users { get; } = [];
    public Dictionary<string, int> MemberIds { get; } = [];

    public static async Task<MailTeam> AddAsync(WikiApp app)
    {
        var team = new MailTeam();
        using (var db = app.CreateDbContext())
        {
            foreach (var slug in new[] { "severin-field", "marcel-mir", "bogdan-ionut-cirstea" })
            {
                team.MemberIds[slug] = (await db.Members.SingleAsync(m => m.Slug == slug)).Id;
            }
        }
        team.Users["severin"] = await Members.AddAsync(app, "severin@test.local", Roles.Researcher, Members.Aisc, team.MemberIds["severin-field"]);
        team.Users["marcel"] = await Members.AddAsync(app, "marcel@test.local", Roles.Researcher, Members.Aisc, team.MemberIds["marcel-mir"]);
        team.Users["mentor"] = await Members.AddAsync(app, "bogdan@test.local", Roles.Mentor, memberId: team.MemberIds["bogdan-ionut-cirstea"]);
        return team;
    }
}
