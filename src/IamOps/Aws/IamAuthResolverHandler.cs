using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace IamOps.Aws;

/// <summary>AWSSDK.Core 4 signs only with a resolved auth scheme; IAM uses SigV4 for every operation.</summary>
internal sealed class IamAuthResolverHandler : BaseAuthResolverHandler
{
    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) => AuthSchemeOption.DEFAULT_SIGV4;
}
