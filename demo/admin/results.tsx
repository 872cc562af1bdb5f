import { AdminLayout } from './common/layout.tsx'
import { mountAdminPage } from './common/mount.tsx'
import { ResultsPage } from './results/results-page.tsx'

mountAdminPage(
  <AdminLayout current="results" heading="Results per link">
    <ResultsPage />
  </AdminLayout>,
)
