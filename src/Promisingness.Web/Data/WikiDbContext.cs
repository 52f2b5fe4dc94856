using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Promisingness.Web.Data;

public class WikiDbContext(DbContextOptions<WikiDbContext> options) : IdentityDbContext<ApplicationUser>(options)
{
}
