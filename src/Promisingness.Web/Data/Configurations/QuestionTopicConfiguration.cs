using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Promisingness.Web.Data.Configurations;

internal sealed class QuestionTopicConfiguration : IEntityTypeConfiguration<QuestionTopic>
{
    public void Configure(EntityTypeBuilder<QuestionTopic> builder)
    {
        builder.HasKey(q => new { q.QuestionId, q.TopicId });
        builder.HasOne(q => q.Question).WithMany(e => e.LinkedTopics).HasForeignKey(q => q.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(q => q.Topic).WithMany().HasForeignKey(q => q.TopicId).OnDelete(DeleteBehavior.Cascade);
    }
}
