using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Accounts;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Mail;
using Promisingness.Web.Features.Team;
using Promisingness.Web.Security;

namespace Promisingness.Web.CommandLine;

/// <summary>users add | list | lock | invite | reset: account administration for operators and tests.</summary>
internal static class UserCommands
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0)
        {
            throw new UsageException("users needs add, list, lock, invite or reset.");
        }
        var admin = services.GetRequiredService<UserAdministration>();
        try
        {
            switch (args[0].ToLowerInvariant())
            {
                case "list":
                    foreach (var user in await admin.ListAsync())
                    {
                        await output.WriteLineAsync($"{user.Email}\t{user.DisplayName}\t{user.Role}\t{user.ProgramCode ?? "-"}\t{user.MemberName ?? "-"}\t{(user.Locked ? "locked" : "active")}");
                    }
                    return 0;
                case "add":
                    return await AddAsync(services, admin, args[1..], output);
                case "lock":
                    var locked = await AccountOfAsync(admin, args[1..], "lock");
                    await admin.LockAsync(UserAdministration.CommandLine.Id, locked.Id);
                    await output.WriteLineAsync($"Locked {locked.Email}: open sessions end within a minute.");
                    return 0;
                case "invite":
                    return await InviteAsync(services, args[1..], output);
                case "reset":
                    var member = await AccountOfAsync(admin, args[1..], "reset");
                    var link = await admin.StartPasswordResetAsync(UserAdministration.CommandLine.Id, member.Id, null);
                    await output.WriteLineAsync($"A link to choose a new password is queued for {member.Email} (the running wiki sends it).");
                    await output.WriteLineAsync($"The link, shown only now, works once for a day: {link.AbsoluteUri}");
                    await WarnWithoutPublicUrlAsync(services, output);
                    return 0;
                default:
                    throw new UsageException($"users {args[0]} is not a command: use add, list, lock, invite or reset.");
            }
        }
        catch (AccountException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    private static async Task<UserRow> AccountOfAsync(UserAdministration admin, string[] args, string verb)
    {
        var (_, options) = Arguments.Parse(args, "--email");
        var email = options.GetValueOrDefault("--email") ?? throw new UsageException($"users {verb} needs --email E.");
        return (await admin.ListAsync()).FirstOrDefault(u => u.Email.Equals(email, StringComparison.OrdinalIgnoreCase))
            ?? throw new AccountException($"There is no account {email}.");
    }

    private static async Task<int> InviteAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var (_, options) = Arguments.Parse(args, "--email", "--program", "--role");
        var email = options.GetValueOrDefault("--email") ?? throw new UsageException("users invite needs --email E.");
        var role = RoleOf(options.GetValueOrDefault("--role") ?? throw new UsageException("users invite needs --role R."));
        await using var db = await services.GetRequiredService<IDbContextFactory<WikiDbContext>>().CreateDbContextAsync();
        var programId = await ProgramIdAsync(db, options);
        var invitations = services.GetRequiredService<Invitations>();
        var (_, token) = await invitations.CreateAsync(UserAdministration.CommandLine, role, programId, null, email, null);
        await output.WriteLineAsync($"Invited {email} as {role}: the invitation is queued (the running wiki sends it).");
        await output.WriteLineAsync($"The link works once, for 7 days: {invitations.LinkFor(token, null).AbsoluteUri}");
        await WarnWithoutPublicUrlAsync(services, output);
        return 0;
    }

    private static async Task WarnWithoutPublicUrlAsync(IServiceProvider services, TextWriter output)
    {
        if (services.GetRequiredService<WikiMail>().Settings.PublicUrl is null)
        {
            await output.WriteLineAsync($"Wiki:PublicUrl is not set, so the link points to {MailSettings.FallbackUrl}; set it to the wiki's address.");
        }
    }

    private static string RoleOf(string role) =>
        Roles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"--role must be one of {string.Join(", ", Roles.All)}.");

    private static async Task<int?> ProgramIdAsync(WikiDbContext db, Dictionary<string, string> options)
    {
        if (!options.TryGetValue("--program", out var programName) || programName.Length == 0)
        {
            return null;
        }
        return (await db.Programs.FirstOrDefaultAsync(p => p.Code.ToLower() == programName.ToLower() || p.Name.ToLower() == programName.ToLower()))?.Id
            ?? throw new UsageException($"There is no program '{programName}'.");
    }

    private static async Task<int> AddAsync(IServiceProvider services, UserAdministration admin, string[] args, TextWriter output)
    {
        var (_, options) = Arguments.Parse(args, "--email", "--name", "--program", "--role", "--password");
        var email = options.GetValueOrDefault("--email") ?? throw new UsageException("users add needs --email E.");
        var name = options.GetValueOrDefault("--name") ?? throw new UsageException("users add needs --name N.");
        var role = RoleOf(options.GetValueOrDefault("--role") ?? Roles.Researcher);

        await using var db = await services.GetRequiredService<IDbContextFactory<WikiDbContext>>().CreateDbContextAsync();
        var programId = await ProgramIdAsync(db, options);
        var programName = options.GetValueOrDefault("--program");
        // The person is probably on the team list already: link the account so their name leads to their work.
        var linked = await db.Users.Where(u => u.MemberId != null).Select(u => u.MemberId!.Value).ToListAsync();
        var candidates = (await db.Members.ToListAsync()).Where(m => !linked.Contains(m.Id) && NameMatcher.SamePerson(m.Name, name)).ToList();
        var member = candidates.Count == 1 ? candidates[0] : null;

        var password = options.GetValueOrDefault("--password");
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        }
        await admin.AddUserAsync(UserAdministration.CommandLine.Id, email, name, role, programId, member?.Id, password!);
        await output.WriteLineAsync($"Added {email} ({role}{(programName is null ? "" : $", {programName}")}){(member is null ? "" : $", linked to team member {member.Name}")}.");
        if (generated)
        {
            await output.WriteLineAsync($"Password (shown only now): {password}");
        }
        return 0;
    }
}
