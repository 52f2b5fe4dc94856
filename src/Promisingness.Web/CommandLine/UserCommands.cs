using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Accounts;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Team;
using Promisingness.Web.Security;

namespace Promisingness.Web.CommandLine;

/// <summary>users add | list | lock: account administration for operators and tests.</summary>
internal static class UserCommands
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0)
        {
            throw new UsageException("users needs add, list or lock.");
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
                    var (_, options) = Arguments.Parse(args[1..], "--email");
                    var email = options.GetValueOrDefault("--email") ?? throw new UsageException("users lock needs --email E.");
                    var row = (await admin.ListAsync()).FirstOrDefault(u => u.Email.Equals(email, StringComparison.OrdinalIgnoreCase))
                        ?? throw new AccountException($"There is no account {email}.");
                    await admin.LockAsync(UserAdministration.CommandLine.Id, row.Id);
                    await output.WriteLineAsync($"Locked {email}: open sessions end within a minute.");
                    return 0;
                default:
                    throw new UsageException($"users {args[0]} is not a command: use add, list or lock.");
            }
        }
        catch (AccountException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    private static async Task<int> AddAsync(IServiceProvider services, UserAdministration admin, string[] args, TextWriter output)
    {
        var (_, options) = Arguments.Parse(args, "--email", "--name", "--program", "--role", "--password");
        var email = options.GetValueOrDefault("--email") ?? throw new UsageException("users add needs --email E.");
        var name = options.GetValueOrDefault("--name") ?? throw new UsageException("users add needs --name N.");
        var role = Roles.All.FirstOrDefault(r => r.Equals(options.GetValueOrDefault("--role") ?? Roles.Researcher, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"--role must be one of {string.Join(", ", Roles.All)}.");

        await using var db = await services.GetRequiredService<IDbContextFactory<WikiDbContext>>().CreateDbContextAsync();
        int? programId = null;
        if (options.TryGetValue("--program", out var programName) && programName.Length > 0)
        {
            programId = (await db.Programs.FirstOrDefaultAsync(p => p.Code.ToLower() == programName.ToLower() || p.Name.ToLower() == programName.ToLower()))?.Id
                ?? throw new UsageException($"There is no program '{programName}'.");
        }
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
