using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.ImportExport;
using Promisingness.Web.Security;

namespace Promisingness.Web.Setup;

/// <summary>
/// What a first start on an empty database does: import the bundled seed README and create the first
/// admin account, with its password taken from configuration or printed once.
/// </summary>
internal sealed class FirstRun(
    IDbContextFactory<WikiDbContext> dbFactory,
    ReadmeImporter importer,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<FirstRun> logger)
{
    public const string SeedFile = "Seed/README.md";

    public async Task EnsureAsync(TextWriter console, CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Entries.AnyAsync(cancellationToken) && !configuration.GetValue<bool>("Seed:Skip"))
            {
                var path = Path.Combine(AppContext.BaseDirectory, SeedFile);
                if (!File.Exists(path))
                {
                    path = Path.Combine(environment.ContentRootPath, SeedFile);
                }
                var result = await importer.ImportAsync(await File.ReadAllTextAsync(path, cancellationToken), message: "Imported the bundled seed README", cancellationToken: cancellationToken);
                logger.LogInformation("First start: imported the seed README ({Result})", result);
            }
        }
        await EnsureAdminAsync(console);
    }

    private async Task EnsureAdminAsync(TextWriter console)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.Users.AnyAsync())
        {
            return;
        }

        var email = configuration["Admin:Email"] is { Length: > 0 } configured ? configured : "admin@localhost";
        var password = configuration["Admin:Password"];
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        }
        var admin = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator" };
        var created = await users.CreateAsync(admin, password!);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Could not create the first admin account: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(admin, Roles.Admin);
        if (generated)
        {
            // Printed once, on the console only: it is not logged and not stored anywhere in clear.
            await console.WriteLineAsync($"""

                ===============================================================
                 First admin account created. Sign in at /Account/Login with
                   e-mail:   {email}
                   password: {password}
                 This password is shown only now. Change it after signing in.
                ===============================================================

                """);
        }
        else
        {
            logger.LogInformation("First admin account {Email} created with the configured password", email);
        }
    }
}
