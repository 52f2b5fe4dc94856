using Promisingness.Web.Features.Notifications;

namespace Promisingness.Web.Features.Summaries.Review;

internal static class ReviewServices
{
    public static IServiceCollection AddWikiReview(this IServiceCollection services) => services
        .AddSingleton<ReviewWorkflow>()
        .AddSingleton<ReviewQueue>()
        .AddSingleton<IDigestOpening, WhatWaitsForTheReviewer>();
}
