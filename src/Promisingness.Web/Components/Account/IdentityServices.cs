using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Components.Account;

internal static class IdentityServices
{
    /// <summary>Accounts and sign-in (Identity on the wiki's database), the rate limits, and who may do what.</summary>
    public static void AddWikiIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                // Accounts come by invitation, so there is no e-mail to confirm.
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                // Length over character classes: long passphrases are the strong ones.
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WikiDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<WikiClaims>()
            .AddDefaultTokenProviders();
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 210_000);
        // A locked or demoted account loses its cookie within a minute (its security stamp changes).
        var revalidation = TimeSpan.FromSeconds(builder.Configuration.GetValue("Security:RevalidationSeconds", 60));
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = revalidation);
        services.AddSignInRateLimit(builder.Configuration);
        services.AddSingleton<WriteRateLimit>();
        services.AddAuthorizationBuilder().AddWikiPolicies();
        services.AddSingleton<IAuthorizationHandler, EntryAuthorizationHandler>();
        services.AddSingleton<WikiUsers>();
    }
}
