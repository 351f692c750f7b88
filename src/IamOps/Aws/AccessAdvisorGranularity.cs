namespace IamOps.Aws;

/// <summary>What a last-accessed report covers: services only (SERVICE_LEVEL), or also the actions IAM tracks (ACTION_LEVEL).</summary>
public enum AccessAdvisorGranularity
{
    ServiceLevel,
    ActionLevel,
}
