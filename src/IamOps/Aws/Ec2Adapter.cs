using Amazon.EC2;
using Amazon.EC2.Model;
using IamOps.Connection;
using SdkAssociation = Amazon.EC2.Model.IamInstanceProfileAssociation;

namespace IamOps.Aws;

/// <summary><see cref="IEc2"/> on AWSSDK.EC2: an instance's IAM instance profile association, read, made or replaced.</summary>
internal sealed class Ec2Adapter : IEc2, IDisposable
{
    private readonly AmazonEC2Client _client;

    public Ec2Adapter(ResolvedConnection connection) => _client = new AmazonEC2Client(connection.Credentials, ConfigFor(connection));

    internal static AmazonEC2Config ConfigFor(ResolvedConnection connection) => AwsConnection.Configure(new AmazonEC2Config(), connection);

    public async Task<InstanceProfileAssociation?> GetInstanceProfileAssociationAsync(string instanceId, CancellationToken cancellationToken)
    {
        var request = new DescribeIamInstanceProfileAssociationsRequest
        {
            Filters = new List<Filter> { new() { Name = "instance-id", Values = new List<string> { instanceId } } },
        };
        try
        {
            do
            {
                var page = await _client.DescribeIamInstanceProfileAssociationsAsync(request, cancellationToken).ConfigureAwait(false);
                var active = (page.IamInstanceProfileAssociations ?? new List<SdkAssociation>()).Select(ToAssociation).FirstOrDefault(a => a.IsActive);
                if (active is not null)
                {
                    return active;
                }

                request.NextToken = page.NextToken;
            }
            while (!string.IsNullOrEmpty(request.NextToken));
        }
        catch (Exception ex) when (AwsErrorTranslator.CanTranslate(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw AwsErrorTranslator.Translate(ex, "ec2:DescribeIamInstanceProfileAssociations", instanceId);
        }

        // The filter matches nothing for an unknown instance as well; DescribeInstances tells the two apart.
        try
        {
            await _client.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = new List<string> { instanceId } }, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (AwsErrorTranslator.CanTranslate(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw AwsErrorTranslator.Translate(ex, "ec2:DescribeInstances", instanceId);
        }
    }

    public async Task<InstanceProfileAssociation> AssociateInstanceProfileAsync(string instanceId, string instanceProfileName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.AssociateIamInstanceProfileAsync(new AssociateIamInstanceProfileRequest
            {
                InstanceId = instanceId,
                IamInstanceProfile = new IamInstanceProfileSpecification { Name = instanceProfileName },
            }, cancellationToken).ConfigureAwait(false);
            return ToAssociation(response.IamInstanceProfileAssociation);
        }
        catch (Exception ex) when (AwsErrorTranslator.CanTranslate(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw AwsErrorTranslator.Translate(ex, "ec2:AssociateIamInstanceProfile", instanceId);
        }
    }

    public async Task<InstanceProfileAssociation> ReplaceInstanceProfileAssociationAsync(string associationId, string instanceProfileName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.ReplaceIamInstanceProfileAssociationAsync(new ReplaceIamInstanceProfileAssociationRequest
            {
                AssociationId = associationId,
                IamInstanceProfile = new IamInstanceProfileSpecification { Name = instanceProfileName },
            }, cancellationToken).ConfigureAwait(false);
            return ToAssociation(response.IamInstanceProfileAssociation);
        }
        catch (Exception ex) when (AwsErrorTranslator.CanTranslate(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw AwsErrorTranslator.Translate(ex, "ec2:ReplaceIamInstanceProfileAssociation", associationId);
        }
    }

    public void Dispose() => _client.Dispose();

    private static InstanceProfileAssociation ToAssociation(SdkAssociation? association) => new()
    {
        AssociationId = association?.AssociationId ?? string.Empty,
        InstanceId = association?.InstanceId ?? string.Empty,
        InstanceProfileArn = association?.IamInstanceProfile?.Arn ?? string.Empty,
        InstanceProfileId = association?.IamInstanceProfile?.Id ?? string.Empty,
        State = association?.State?.Value ?? string.Empty,
        Timestamp = association?.Timestamp?.ToUniversalTime(),
    };
}
