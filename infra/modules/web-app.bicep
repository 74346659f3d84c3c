// Linux App Service plan and web app for the bot. App Service builds the
// source on deployment (npm install, npm run build) and runs `npm start`.

param planName string
param webAppName string
param location string
param sku string
param instanceCount int
param nodeRuntime string
param identityId string
param identityClientId string
param tenantId string
param stateContainerName string
param storageBlobEndpoint string
param approverIds array
param approverGroupId string

@secure()
param linkSigningKey string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  kind: 'linux'
  sku: {
    name: sku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: nodeRuntime
      appCommandLine: 'npm start'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/healthz'
    }
  }
}

// The settings live in their own resource because PUBLIC_BASE_URL needs the
// host name the site resource returns.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
    MicrosoftAppType: 'UserAssignedMSI'
    MicrosoftAppId: identityClientId
    MicrosoftAppTenantId: tenantId
    TENANT_ID: tenantId
    GRAPH_CREDENTIAL: 'managed-identity'
    AZURE_CLIENT_ID: identityClientId
    STATE_STORE: 'azure-blob://${stateContainerName}'
    AZURE_STORAGE_ACCOUNT_URL: storageBlobEndpoint
    APPROVER_IDS: join(approverIds, ',')
    APPROVER_GROUP_ID: approverGroupId
    PUBLIC_BASE_URL: 'https://${site.properties.defaultHostName}'
    LINK_SIGNING_KEY: linkSigningKey
    LOG_LEVEL: 'info'
  }
}

output hostName string = site.properties.defaultHostName
