import { ResultsPage } from './results/results-page.tsx'
import { AdminLayout } from './shared/layout.tsx'
import { mountAdminPage } from './shared/mount.tsx'

mountAdminPage(
  <AdminLayout current="results" heading="Results per link">
    <ResultsPage />
  </AdminLayout>,
)
