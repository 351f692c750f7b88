using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace IamOps.Aws;

/// <summary>
/// The SDK's retries, except for IAM calls that make something new each time they land: a retried CreateAccessKey
/// whose first answer was lost makes a second key (the first one's secret never seen); a retried CreateLoginProfile or
/// CreateVirtualMFADevice fails on the first attempt's success and loses its password or seed; a retried
/// EnableMFADevice reuses its codes; a retried CreatePolicyVersion spends a version. Those go out once, and any failure
/// goes to the caller, who looks before trying again (throttling included: the appliers back off and retry themselves).
/// </summary>
internal sealed class OneShotRetryHandler : RetryHandler
{
    internal static readonly HashSet<string> OneShotActions = new(StringComparer.Ordinal)
    {
        "CreateAccessKey", "CreateLoginProfile", "CreateVirtualMFADevice", "CreatePolicyVersion", "EnableMFADevice",
    };

    public OneShotRetryHandler(RetryPolicy retryPolicy)
        : base(retryPolicy)
    {
    }

    public override Task<T> InvokeAsync<T>(IExecutionContext executionContext) =>
        IsOneShot(executionContext) ? InnerHandler.InvokeAsync<T>(executionContext) : base.InvokeAsync<T>(executionContext);

    public override void InvokeSync(IExecutionContext executionContext)
    {
        if (IsOneShot(executionContext))
        {
            InnerHandler.InvokeSync(executionContext);
            return;
        }

        base.InvokeSync(executionContext);
    }

    private static bool IsOneShot(IExecutionContext context) =>
        context.RequestContext.OriginalRequest is IamQueryRequest { Action: var action } && OneShotActions.Contains(action);
}
